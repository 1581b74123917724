-- What conform found in each piece (black, silence, frozen picture, clipping, loudness after correction) and what it
-- did about it (kept, trimmed at its ends, left out with a reason), as JSON; rows from before have none.
ALTER TABLE conformed_piece ADD COLUMN quality TEXT;
