-- Ensemble's own tables. Portable SQL: runs on H2 and PostgreSQL.

-- What the ingest step recorded for each manifest line of an episode's week (accepted or rejected, with why).
CREATE TABLE contribution (
    show_id       VARCHAR(64)   NOT NULL,
    air_date      DATE          NOT NULL,
    id            VARCHAR(200)  NOT NULL,
    line_number   INTEGER       NOT NULL,
    contributor   VARCHAR(200),
    location      VARCHAR(200),
    category      VARCHAR(40),
    title         VARCHAR(500),
    file_path     VARCHAR(1000),
    caption_path  VARCHAR(1000),
    approved_at   TIMESTAMP WITH TIME ZONE,
    trim_in       BIGINT        NOT NULL DEFAULT 0,
    trim_out      BIGINT        NOT NULL DEFAULT 0,
    sha256        CHAR(64),
    size_bytes    BIGINT        NOT NULL DEFAULT 0,
    detected_type VARCHAR(200),
    media_kind    VARCHAR(20),
    frames        BIGINT        NOT NULL DEFAULT 0,
    width         INTEGER       NOT NULL DEFAULT 0,
    height        INTEGER       NOT NULL DEFAULT 0,
    audio_stream  VARCHAR(20),
    words         INTEGER       NOT NULL DEFAULT 0,
    status        VARCHAR(20)   NOT NULL,
    reason        VARCHAR(2000),
    PRIMARY KEY (show_id, air_date, id)
);

-- A contribution conformed into a house-format segment (the segment itself lives in the cache folder).
CREATE TABLE conformed_piece (
    show_id         VARCHAR(64)  NOT NULL,
    air_date        DATE         NOT NULL,
    contribution_id VARCHAR(200) NOT NULL,
    segment_key     VARCHAR(64)  NOT NULL,
    frames          BIGINT       NOT NULL,
    loudness_i      DOUBLE PRECISION,
    loudness_tp     DOUBLE PRECISION,
    loudness_lra    DOUBLE PRECISION,
    loudness_thresh DOUBLE PRECISION,
    loudness_offset DOUBLE PRECISION,
    conformed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (show_id, air_date, contribution_id)
);

-- Every edit decision list an episode has had; the newest is the one rendered.
CREATE TABLE edl_revision (
    show_id      VARCHAR(64)  NOT NULL,
    air_date     DATE         NOT NULL,
    revision     INTEGER      NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    reason       VARCHAR(2000) NOT NULL,
    total_frames BIGINT       NOT NULL,
    body         VARCHAR(1000000) NOT NULL,
    PRIMARY KEY (show_id, air_date, revision)
);

-- Published package revisions (outbox/<show>/<air-date>/r<revision>/). A row is written before the package is
-- renamed into place, so a crash in between is finished, not repeated, on restart.
CREATE TABLE publication (
    show_id          VARCHAR(64)   NOT NULL,
    air_date         DATE          NOT NULL,
    revision         INTEGER       NOT NULL,
    job_execution_id BIGINT        NOT NULL,
    edl_revision     INTEGER       NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    path             VARCHAR(1000) NOT NULL,
    published_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (show_id, air_date, revision)
);
