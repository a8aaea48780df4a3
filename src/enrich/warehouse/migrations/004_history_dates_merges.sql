-- Issue 12: history that is never overwritten, dates that each mean one thing, merges with
-- their evidence. Existing data is kept: every observation already stored is copied over.

-- Observations: one row per value seen, keyed by the moment it was seen (it was one per day, and
-- a second refresh the same day replaced the first). observed_on stays: the UTC day of
-- observed_at, for per-day views. Column order is unchanged.
CREATE TABLE observations_v4 (
    subject_kind VARCHAR NOT NULL,  -- paper (S2 paper id) | repo (repo_key)
    subject_id   VARCHAR NOT NULL,
    metric       VARCHAR NOT NULL,  -- citations | influential_citations | stars | forks | …
    observed_on  DATE NOT NULL,     -- the UTC day of observed_at
    value        BIGINT NOT NULL,
    observed_at  TIMESTAMP NOT NULL,
    source       VARCHAR NOT NULL,
    raw_path     VARCHAR NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, metric, observed_at)
);
INSERT INTO observations_v4 SELECT * FROM observations;
DROP TABLE observations;
ALTER TABLE observations_v4 RENAME TO observations;

-- Dates with meanings (derived with the works at every load; NULL until the next load).
ALTER TABLE works ADD COLUMN first_public_date DATE;         -- earliest version anywhere
ALTER TABLE works ADD COLUMN published_date DATE;            -- of the published (venue) version
ALTER TABLE works ADD COLUMN arxiv_first_version_date DATE;  -- arXiv v1

-- Why ids are one work: one row per link between two ids, with its evidence (derived at every
-- load, like works). kind: entry (linked from one list entry) | s2_external_ids | s2_lookup |
-- doi (a DOI recorded by arXiv or the Anthology) | forced (the config says so). Refused links
-- (the config says no) are kept with refused = true, so a maintainer sees what was undone.
CREATE TABLE merge_links (
    work_id   VARCHAR,           -- the work the link joined (NULL for a refused link)
    id_a      VARCHAR NOT NULL,  -- kind:value, e.g. arxiv:2305.00450
    id_b      VARCHAR NOT NULL,
    evidence  VARCHAR NOT NULL,
    detail    VARCHAR NOT NULL,  -- what was seen, e.g. "Semantic Scholar paper 1234… lists ArXiv 2305.00450"
    source    VARCHAR,           -- arxiv | acl | s2 | list | config
    refused   BOOLEAN NOT NULL,
    title_score DOUBLE,          -- how alike the two ids' titles are (0–100), NULL if unknown
    PRIMARY KEY (id_a, id_b, evidence, detail)
);
