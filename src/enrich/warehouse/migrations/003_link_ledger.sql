-- Any curated list: the fate of every link occurrence, and what a list says beside its titles.
-- Existing rows keep their values; the new columns are NULL until the list is loaded again.

-- One row per link occurrence of one version of a list: a link of an entry, part of a reported
-- problem, or ignored for a named reason (badge, anchor, own_repo, relative, code, furniture,
-- reference, prose). Fates add up to the links the list writes.
CREATE TABLE link_ledger (
    list_name      VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    occurrence     INTEGER NOT NULL,  -- 1-based order in the document
    line_no        INTEGER NOT NULL,
    url            VARCHAR NOT NULL,  -- as written
    fate           VARCHAR NOT NULL,  -- entry | problem | ignored
    reason         VARCHAR NOT NULL,  -- ignored: the category; problem: why; entry: ''
    entry_position INTEGER,           -- the entry's position in the list (fate 'entry')
    PRIMARY KEY (sha256, occurrence)
);

ALTER TABLE entries ADD COLUMN listed_authors VARCHAR;
ALTER TABLE list_versions ADD COLUMN link_accounting JSON;
