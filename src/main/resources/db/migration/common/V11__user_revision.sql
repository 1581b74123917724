-- A user's revision goes up whenever what they may do changes (disabled or enabled, roles, password): a console
-- session remembers the revision it logged in at and ends at its next request once the two differ.
ALTER TABLE app_user ADD COLUMN revision INTEGER DEFAULT 0 NOT NULL;
