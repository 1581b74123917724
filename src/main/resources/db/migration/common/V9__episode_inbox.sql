-- Where an episode's contributions were read from: the inbox its ingest used. Conform, render, publish and every
-- later re-render or restart of the episode read the pieces from there, unless the show's inbox is configured.
CREATE TABLE episode_inbox (
    show_id  VARCHAR(64)   NOT NULL,
    air_date DATE          NOT NULL,
    inbox    VARCHAR(4000) NOT NULL,
    PRIMARY KEY (show_id, air_date)
);
