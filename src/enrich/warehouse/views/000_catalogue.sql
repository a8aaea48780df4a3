-- Views are recreated on every build (CREATE OR REPLACE), so they always match the code.

-- The newest value of every metric of every subject, with the time it was seen.
CREATE OR REPLACE VIEW latest_observations AS
SELECT
    subject_kind,
    subject_id,
    metric,
    arg_max(value, observed_at)       AS value,
    max(observed_at)                  AS observed_at,
    max(observed_on)                  AS observed_on
FROM observations
GROUP BY ALL;

-- The entries of the version of each list that is current.
CREATE OR REPLACE VIEW current_entries AS
SELECT e.*
FROM entries e
JOIN lists l ON l.list_name = e.list_name AND l.current_sha256 = e.sha256;

CREATE OR REPLACE VIEW current_links AS
SELECT l.*, e.list_name
FROM links l
JOIN current_entries e USING (sha256, entry_id);

-- The public interface: one row per list entry. Columns may be added, never renamed silently.
CREATE OR REPLACE VIEW catalogue AS
WITH first_links AS (
    SELECT
        sha256,
        entry_id,
        min_by(normalized_url, link_no) FILTER (WHERE lower(label) LIKE '%paper%') AS paper_url,
        min_by(normalized_url, link_no) FILTER (
            WHERE lower(label) LIKE '%code%' OR id_kind = 'github'
        ) AS code_url,
        count(*) AS n_links
    FROM links
    GROUP BY sha256, entry_id
),
work_author_lists AS (
    SELECT work_id, list(name ORDER BY position) AS authors,
           list(s2_author_id ORDER BY position) AS author_s2_ids
    FROM work_authors
    GROUP BY work_id
),
paper_metrics AS (
    SELECT
        subject_id AS s2_paper_id,
        max(value) FILTER (WHERE metric = 'citations')             AS citation_count,
        max(value) FILTER (WHERE metric = 'influential_citations') AS influential_citation_count,
        max(observed_at) FILTER (WHERE metric = 'citations')       AS citations_observed_at
    FROM latest_observations
    WHERE subject_kind = 'paper'
    GROUP BY subject_id
),
repo_metrics AS (
    SELECT
        subject_id AS repo_key,
        max(value) FILTER (WHERE metric = 'stars')        AS stars,
        max(value) FILTER (WHERE metric = 'forks')        AS forks,
        max(observed_at) FILTER (WHERE metric = 'stars')  AS stars_observed_at
    FROM latest_observations
    WHERE subject_kind = 'repo'
    GROUP BY subject_id
)
SELECT
    e.list_name,
    e.entry_id,
    e.section,
    e.subsection,
    e.position,
    e.kind,
    e.listed_title,
    e.listed_venue,
    e.listed_year,
    w.title,
    wa.authors,
    w.abstract,
    w.year,
    w.venue,
    w.arxiv_id,
    w.acl_id,
    w.doi,
    w.openreview_id,
    w.s2_paper_id,
    coalesce(fl.paper_url, w.url)      AS paper_url,
    fl.code_url,
    coalesce(r.full_name, e.repo_key)  AS github_repo,
    pm.citation_count,
    pm.influential_citation_count,
    rm.stars,
    rm.forks,
    pm.citations_observed_at,
    rm.stars_observed_at,
    -- Added columns (beyond the design's minimum).
    e.work_id,
    e.entry_group,
    e.dataset_name,
    e.description,
    e.listed_month,
    e.line_no,
    e.sha256                           AS list_sha256,
    w.publication_date,
    w.is_open_access,
    w.open_access_pdf,
    w.published,
    wa.author_s2_ids,
    r.archived                         AS repo_archived,
    r.pushed_at                        AS repo_pushed_at,
    r.license                          AS repo_license,
    r.language                         AS repo_language,
    r.renamed_to                       AS repo_renamed_to,
    coalesce(fl.n_links, 0)            AS n_links,
    e.repo_key,                        -- owner/repo as linked (github_repo follows renames)
    w.first_public_date,               -- earliest version anywhere
    w.published_date,                  -- of the published (venue) version
    w.arxiv_first_version_date
FROM current_entries e
LEFT JOIN first_links fl ON fl.sha256 = e.sha256 AND fl.entry_id = e.entry_id
LEFT JOIN works w ON w.work_id = e.work_id
LEFT JOIN work_author_lists wa ON wa.work_id = e.work_id
LEFT JOIN paper_metrics pm ON pm.s2_paper_id = w.s2_paper_id
LEFT JOIN repositories r ON r.repo_key = e.repo_key
LEFT JOIN repo_metrics rm ON rm.repo_key = e.repo_key;
