-- The list's own view: lists, their versions, entries and links, parse problems.
CREATE TABLE lists (
    list_name       VARCHAR PRIMARY KEY,
    url             VARCHAR,
    current_sha256  VARCHAR,          -- the version the catalogue shows
    previous_sha256 VARCHAR,          -- the version before it, for "what changed"
    updated_at      TIMESTAMP
);

CREATE TABLE list_versions (
    list_name      VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    first_seen_at  TIMESTAMP NOT NULL,
    origin         VARCHAR NOT NULL,  -- network | snapshot | stored | file | not-modified
    raw_path       VARCHAR NOT NULL,
    n_bytes        BIGINT NOT NULL,
    text_repaired  BOOLEAN NOT NULL,  -- mojibake was found and repaired
    n_entries      INTEGER NOT NULL,
    n_problems     INTEGER NOT NULL,
    line_accounting JSON,
    PRIMARY KEY (list_name, sha256)
);

-- One row per bullet entry or table row of one version of a list. entry_id is stable across
-- versions (list + kind + normalised dataset/title + occurrence), so versions can be compared.
CREATE TABLE entries (
    list_name      VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    entry_id       VARCHAR NOT NULL,
    position       INTEGER NOT NULL,
    line_no        INTEGER NOT NULL,
    section        VARCHAR,
    subsection     VARCHAR,
    entry_group    VARCHAR,
    kind           VARCHAR NOT NULL,
    source_format  VARCHAR NOT NULL,
    listed_title   VARCHAR NOT NULL,
    listed_venue   VARCHAR,
    venue_tag      VARCHAR,
    listed_year    INTEGER,
    listed_month   INTEGER,
    dataset_name   VARCHAR,
    description    VARCHAR,
    work_id        VARCHAR,           -- the paper this entry points at, if any
    repo_key       VARCHAR,           -- its first code repository on GitHub, if any
    PRIMARY KEY (sha256, entry_id)
);

CREATE TABLE links (
    sha256         VARCHAR NOT NULL,
    entry_id       VARCHAR NOT NULL,
    link_no        INTEGER NOT NULL,
    label          VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,  -- as the list wrote it
    line_no        INTEGER NOT NULL,
    id_kind        VARCHAR NOT NULL,  -- arxiv | acl | doi | openreview | github | hf_* | url
    id_value       VARCHAR NOT NULL,
    id_version     VARCHAR,           -- arXiv version suffix, kept apart from the id
    normalized_url VARCHAR NOT NULL,
    is_paper_id    BOOLEAN NOT NULL,  -- names the paper of the entry (typed id, or a Paper link)
    PRIMARY KEY (sha256, entry_id, link_no)
);

CREATE TABLE parse_problems (
    list_name VARCHAR NOT NULL,
    sha256    VARCHAR NOT NULL,
    line_no   INTEGER NOT NULL,
    severity  VARCHAR NOT NULL,
    reason    VARCHAR NOT NULL,
    line_text VARCHAR NOT NULL,
    PRIMARY KEY (sha256, line_no, reason)
);

-- What each source said, one row per thing asked, with where and when it was seen.
CREATE TABLE arxiv_records (
    arxiv_id         VARCHAR PRIMARY KEY,  -- base id, no version
    latest_version   VARCHAR,
    title            VARCHAR,
    authors          VARCHAR[],
    abstract         VARCHAR,
    primary_category VARCHAR,
    categories       VARCHAR[],
    published        TIMESTAMP,
    updated          TIMESTAMP,
    doi              VARCHAR,
    journal_ref      VARCHAR,
    comment          VARCHAR,
    fetched_at       TIMESTAMP NOT NULL,
    raw_path         VARCHAR NOT NULL
);

CREATE TABLE acl_records (
    acl_id      VARCHAR PRIMARY KEY,
    title       VARCHAR,
    authors     VARCHAR[],
    booktitle   VARCHAR,
    year        INTEGER,
    month       VARCHAR,
    pages       VARCHAR,
    doi         VARCHAR,
    url         VARCHAR,
    publisher   VARCHAR,
    abstract    VARCHAR,
    fetched_at  TIMESTAMP NOT NULL,
    raw_path    VARCHAR NOT NULL
);

CREATE TABLE s2_records (
    s2_paper_id                VARCHAR PRIMARY KEY,
    corpus_id                  BIGINT,
    external_ids               JSON,
    arxiv_id                   VARCHAR,
    acl_id                     VARCHAR,
    doi                        VARCHAR,
    title                      VARCHAR,
    abstract                   VARCHAR,
    year                       INTEGER,
    venue                      VARCHAR,
    publication_date           DATE,
    author_names               VARCHAR[],
    author_ids                 VARCHAR[],
    citation_count             BIGINT,
    influential_citation_count BIGINT,
    reference_count            BIGINT,
    is_open_access             BOOLEAN,
    open_access_pdf            VARCHAR,
    fetched_at                 TIMESTAMP NOT NULL,
    raw_path                   VARCHAR NOT NULL
);

-- Which S2 paper each id we asked for resolved to (NULL paper: S2 answered null = not found).
CREATE TABLE s2_lookups (
    lookup_id    VARCHAR PRIMARY KEY,  -- ARXIV:…, ACL:…, DOI:…, URL:…
    s2_paper_id  VARCHAR,
    fetched_at   TIMESTAMP NOT NULL,
    raw_path     VARCHAR NOT NULL
);

CREATE TABLE repositories (
    repo_key     VARCHAR PRIMARY KEY,  -- owner/repo as linked, lower-cased
    full_name    VARCHAR,              -- owner/repo as GitHub names it now (after a rename)
    renamed_to   VARCHAR,              -- set when the linked name redirects elsewhere
    status       VARCHAR NOT NULL,     -- ok | not_found
    description  VARCHAR,
    homepage     VARCHAR,
    language     VARCHAR,
    license      VARCHAR,
    topics       VARCHAR[],
    created_at   TIMESTAMP,
    pushed_at    TIMESTAMP,
    archived     BOOLEAN,
    open_issues  BIGINT,
    watchers     BIGINT,
    etag         VARCHAR,
    fetched_at   TIMESTAMP NOT NULL,
    raw_path     VARCHAR NOT NULL
);

-- Metrics over time, appended, never overwritten: one value per subject, metric and day.
CREATE TABLE observations (
    subject_kind VARCHAR NOT NULL,  -- paper (S2 paper id) | repo (repo_key)
    subject_id   VARCHAR NOT NULL,
    metric       VARCHAR NOT NULL,  -- citations | influential_citations | stars | forks | …
    observed_on  DATE NOT NULL,
    value        BIGINT NOT NULL,
    observed_at  TIMESTAMP NOT NULL,
    source       VARCHAR NOT NULL,
    raw_path     VARCHAR NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, metric, observed_on)
);

-- The outcome of the last attempt for each thing asked of each source.
CREATE TABLE fetch_status (
    source          VARCHAR NOT NULL,
    item_id         VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,  -- ok | not_found | error
    last_attempt_at TIMESTAMP NOT NULL,
    last_success_at TIMESTAMP,
    error           VARCHAR,
    PRIMARY KEY (source, item_id)
);

-- Works: one row per paper however many ids and entries point at it (derived at every load).
CREATE TABLE works (
    work_id          VARCHAR PRIMARY KEY,
    title            VARCHAR,
    abstract         VARCHAR,
    year             INTEGER,
    venue            VARCHAR,
    publication_date DATE,
    arxiv_id         VARCHAR,
    arxiv_version    VARCHAR,
    acl_id           VARCHAR,
    doi              VARCHAR,
    openreview_id    VARCHAR,
    s2_paper_id      VARCHAR,
    url              VARCHAR,
    primary_category VARCHAR,
    categories       VARCHAR[],
    journal_ref      VARCHAR,
    is_open_access   BOOLEAN,
    open_access_pdf  VARCHAR,
    published        BOOLEAN           -- has a venue version (ACL, DOI, journal ref), not only a preprint
);

CREATE TABLE work_ids (
    id_kind  VARCHAR NOT NULL,
    id_value VARCHAR NOT NULL,
    work_id  VARCHAR NOT NULL,
    PRIMARY KEY (id_kind, id_value)
);

CREATE TABLE work_authors (
    work_id      VARCHAR NOT NULL,
    position     INTEGER NOT NULL,  -- 1-based author order
    name         VARCHAR NOT NULL,
    s2_author_id VARCHAR,
    source       VARCHAR NOT NULL,
    PRIMARY KEY (work_id, position)
);

-- Which source gave each field of a work, and when.
CREATE TABLE field_provenance (
    work_id    VARCHAR NOT NULL,
    field      VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    fetched_at TIMESTAMP,
    raw_path   VARCHAR,
    PRIMARY KEY (work_id, field)
);

-- Link checks: entries whose link most likely points elsewhere, duplicates, shared repos.
CREATE TABLE link_problems (
    list_name  VARCHAR NOT NULL,
    entry_id   VARCHAR NOT NULL,
    problem    VARCHAR NOT NULL,  -- title_mismatch | duplicate_id | shared_repository | …
    detail     VARCHAR NOT NULL,
    score      DOUBLE,
    PRIMARY KEY (list_name, entry_id, problem, detail)
);

-- Every raw answer already loaded (path relative to the data directory). A refresh loads the
-- ones a crashed run left behind; `enrich rebuild` loads them all into an empty warehouse.
CREATE TABLE raw_loaded (
    raw_path  VARCHAR PRIMARY KEY,
    source    VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL
);

-- Run history.
CREATE TABLE runs (
    run_id       VARCHAR PRIMARY KEY,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    state        VARCHAR NOT NULL,  -- completed | stale | failed
    exit_code    INTEGER,
    options      JSON,
    counts       JSON,
    requests     JSON,
    errors       JSON
);

CREATE TABLE run_list_versions (
    run_id    VARCHAR NOT NULL,
    list_name VARCHAR NOT NULL,
    sha256    VARCHAR NOT NULL,
    origin    VARCHAR NOT NULL,
    note      VARCHAR,
    PRIMARY KEY (run_id, list_name)
);
