-- Editors' decisions about an episode's plan, one row per decision; the planner reads them as inputs.
--   PIN       piece_id must be in the episode
--   EXCLUDE   piece_id must not be in the episode
--   ORDER     piece_id is placed at position (1-based) among the ordered pieces (and is pinned)
--   TRIM      piece_id is cut to [trim_in, trim_out) frames of its usable source (trim_out 0 = its end)
--   REPLACE   piece_id gives its place (and its position in ORDER) to other_id
--   PRIORITY  piece_id's editorial priority (higher is preferred)
CREATE TABLE editor_override (
    show_id    VARCHAR(64)  NOT NULL,
    air_date   DATE         NOT NULL,
    kind       VARCHAR(20)  NOT NULL,
    piece_id   VARCHAR(200) NOT NULL,
    position   INTEGER      NOT NULL DEFAULT 0,
    other_id   VARCHAR(200),
    trim_in    BIGINT       NOT NULL DEFAULT 0,
    trim_out   BIGINT       NOT NULL DEFAULT 0,
    priority   INTEGER      NOT NULL DEFAULT 0,
    PRIMARY KEY (show_id, air_date, kind, piece_id)
);
