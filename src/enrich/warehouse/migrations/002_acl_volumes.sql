-- ACL Anthology volume files already fetched. A paper a list adds later is read from its
-- volume's stored raw file instead of being asked again: one request per volume, ever.
CREATE TABLE acl_volumes (
    volume_id  VARCHAR PRIMARY KEY,  -- 2024.emnlp-main, P19-1, W15-12
    raw_path   VARCHAR NOT NULL,     -- the saved answer (relative to the data directory)
    n_papers   INTEGER NOT NULL,
    fetched_at TIMESTAMP NOT NULL
);
