-- The measurement as conform used it, every figure exact (silence measures -Infinity, a piece too short for loudnorm
-- has no threshold and is not reliable): "I|TP|LRA|threshold|offset|reliable". Render rebuilds the segment key from
-- it, so it must come back exactly as it went in, or the piece would be encoded a second time.
ALTER TABLE conformed_piece ADD COLUMN loudness VARCHAR(200);
