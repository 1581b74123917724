-- Stills and writing are prepared in conform but encoded only at the length the plan gives them (in render), so
-- their conformed_piece row has no segment yet.
ALTER TABLE conformed_piece ALTER COLUMN segment_key DROP NOT NULL;
