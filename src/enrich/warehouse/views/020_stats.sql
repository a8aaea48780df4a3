-- Derived statistics. Each view starts with the question it answers.
--
-- No view reads the wall clock: "now" is `stats_as_of.as_of`, the newest day anything was
-- observed, and "silent for a year" is measured from the day a repository was fetched. So the
-- same warehouse always gives the same numbers, and a release is reproducible.

-- Up to which day do the statistics know? (The newest observation day; NULL before any.)
CREATE OR REPLACE VIEW stats_as_of AS
SELECT max(observed_on) AS as_of
FROM observations;

-- What was each metric of each subject at the end of each day? Every observation is kept (two
-- refreshes in one day are two rows of `observations`); a day's value is its last one.
CREATE OR REPLACE VIEW daily_observations AS
SELECT
    subject_kind,
    subject_id,
    metric,
    observed_on,
    arg_max(value, observed_at) AS value,
    max(observed_at)            AS observed_at,
    count(*)                    AS observations
FROM observations
GROUP BY ALL;

-- The gain windows and how far from a window's start an observation may be to stand for it.
CREATE OR REPLACE VIEW gain_windows AS
SELECT * FROM (VALUES (7, 1), (30, 3)) AS t(window_days, tolerance_days);

-- How much did each metric of each paper or repository grow over the last 7 and 30 days?
-- Gain = the newest value minus the day's value nearest to as_of - N days, if one lies within
-- the window's tolerance (7 days: ±1 day, 30 days: ±3 days; the earlier of two as near), and
-- the newest value is itself within that tolerance of as_of. Otherwise NULL: a 23-day gain is
-- never shown as a 7-day one. gain_Nd_days is the real span, gain_Nd_from its first day.
CREATE OR REPLACE VIEW metric_gains AS
WITH clock AS (SELECT as_of FROM stats_as_of),
candidates AS (
    SELECT
        d.subject_kind, d.subject_id, d.metric, g.window_days, g.tolerance_days,
        d.observed_on, d.value,
        abs(date_diff('day', d.observed_on, c.as_of - g.window_days)) AS distance
    FROM daily_observations d, clock c, gain_windows g
    WHERE abs(date_diff('day', d.observed_on, c.as_of - g.window_days)) <= g.tolerance_days
),
base AS (
    SELECT
        subject_kind, subject_id, metric, window_days,
        any_value(tolerance_days)                       AS tolerance_days,
        arg_min(value, (distance, observed_on))         AS base_value,
        arg_min(observed_on, (distance, observed_on))   AS base_on
    FROM candidates
    GROUP BY ALL
),
gains AS (
    SELECT
        l.subject_kind, l.subject_id, l.metric, b.window_days,
        l.value - b.base_value                          AS gain,
        date_diff('day', b.base_on, l.observed_on)      AS span_days,
        b.base_on
    FROM latest_observations l, clock c, base b
    WHERE b.subject_kind = l.subject_kind AND b.subject_id = l.subject_id
      AND b.metric = l.metric AND b.base_on < l.observed_on
      AND l.observed_on >= c.as_of - b.tolerance_days
)
SELECT
    l.subject_kind,
    l.subject_id,
    l.metric,
    l.value,
    l.observed_at,
    l.observed_on,
    g7.gain            AS gain_7d,
    g30.gain           AS gain_30d,
    g7.span_days       AS gain_7d_days,
    g30.span_days      AS gain_30d_days,
    g7.base_on         AS gain_7d_from,
    g30.base_on        AS gain_30d_from
FROM latest_observations l
LEFT JOIN gains g7
    ON g7.subject_kind = l.subject_kind AND g7.subject_id = l.subject_id
   AND g7.metric = l.metric AND g7.window_days = 7
LEFT JOIN gains g30
    ON g30.subject_kind = l.subject_kind AND g30.subject_id = l.subject_id
   AND g30.metric = l.metric AND g30.window_days = 30;

-- What do we know about each code repository the current lists link to: stars, forks, their
-- growth, and whether it is archived, renamed or gone?
CREATE OR REPLACE VIEW repo_stats AS
WITH linked AS (
    SELECT DISTINCT id_value AS repo_key
    FROM current_links
    WHERE id_kind = 'github'
    UNION
    SELECT DISTINCT repo_key FROM current_entries WHERE repo_key IS NOT NULL
),
metrics AS (
    SELECT
        subject_id AS repo_key,
        max(value)       FILTER (WHERE metric = 'stars')  AS stars,
        max(gain_7d)     FILTER (WHERE metric = 'stars')  AS stars_gain_7d,
        max(gain_30d)    FILTER (WHERE metric = 'stars')  AS stars_gain_30d,
        max(gain_7d_days)  FILTER (WHERE metric = 'stars') AS stars_gain_7d_days,
        max(gain_30d_days) FILTER (WHERE metric = 'stars') AS stars_gain_30d_days,
        max(observed_at) FILTER (WHERE metric = 'stars')  AS stars_observed_at,
        max(value)       FILTER (WHERE metric = 'forks')  AS forks,
        max(gain_30d)    FILTER (WHERE metric = 'forks')  AS forks_gain_30d
    FROM metric_gains
    WHERE subject_kind = 'repo'
    GROUP BY subject_id
)
SELECT
    k.repo_key,
    coalesce(r.full_name, k.repo_key) AS full_name,
    r.status,
    r.archived,
    r.renamed_to,
    r.pushed_at,
    r.fetched_at,
    m.stars,
    m.stars_gain_7d,
    m.stars_gain_30d,
    m.stars_observed_at,
    m.forks,
    m.forks_gain_30d,
    m.stars_gain_7d_days,
    m.stars_gain_30d_days
FROM linked k
LEFT JOIN repositories r USING (repo_key)
LEFT JOIN metrics m USING (repo_key);

-- For each work of the current lists: how cited is it, how fast is it cited (per year since
-- publication, and the gain over 7 and 30 days), does it have code, an open-access PDF, and is
-- it published or only a preprint? Its repository is the one linked by its first entry that
-- links one (list name, then position).
CREATE OR REPLACE VIEW work_stats AS
WITH clock AS (SELECT as_of FROM stats_as_of),
code_entries AS (
    SELECT DISTINCT sha256, entry_id
    FROM links
    WHERE id_kind = 'github' OR lower(label) LIKE '%code%'
),
per_work AS (
    SELECT
        e.work_id,
        count(*)                                                      AS entries,
        bool_or(e.repo_key IS NOT NULL OR ce.entry_id IS NOT NULL)    AS has_code,
        min_by(e.repo_key, (e.list_name, e.position)) FILTER (WHERE e.repo_key IS NOT NULL)
                                                                      AS repo_key,
        min_by(e.listed_title, (e.list_name, e.position))             AS listed_title
    FROM current_entries e
    LEFT JOIN code_entries ce USING (sha256, entry_id)
    WHERE e.work_id IS NOT NULL
    GROUP BY e.work_id
),
paper AS (
    SELECT
        subject_id AS s2_paper_id,
        max(value)       FILTER (WHERE metric = 'citations')             AS citations,
        max(value)       FILTER (WHERE metric = 'influential_citations') AS influential_citations,
        max(gain_7d)     FILTER (WHERE metric = 'citations')             AS citation_gain_7d,
        max(gain_30d)    FILTER (WHERE metric = 'citations')             AS citation_gain_30d,
        max(gain_7d_days)  FILTER (WHERE metric = 'citations')           AS citation_gain_7d_days,
        max(gain_30d_days) FILTER (WHERE metric = 'citations')           AS citation_gain_30d_days,
        max(observed_at) FILTER (WHERE metric = 'citations')             AS citations_observed_at
    FROM metric_gains
    WHERE subject_kind = 'paper'
    GROUP BY subject_id
)
SELECT
    w.work_id,
    coalesce(w.title, p.listed_title)                       AS title,
    coalesce(w.year, year(w.publication_date))              AS year,
    w.publication_date,
    w.venue,
    w.s2_paper_id,
    pm.citations,
    pm.influential_citations,
    pm.citations_observed_at,
    -- Citations / (years since the work was first public, anywhere, counting that year as one):
    -- a preprint of 2023 published in 2024 has been citable since 2023.
    CASE
        WHEN pm.citations IS NOT NULL AND c.as_of IS NOT NULL
             AND coalesce(year(w.first_public_date), w.year, year(w.publication_date)) IS NOT NULL
        THEN round(
            pm.citations / greatest(
                year(c.as_of)
                - coalesce(year(w.first_public_date), w.year, year(w.publication_date)) + 1,
                1
            ),
            2
        )
    END                                                     AS citations_per_year,
    pm.citation_gain_7d,
    pm.citation_gain_30d,
    p.has_code,
    p.repo_key,
    rs.full_name                                            AS repo_full_name,
    rs.stars,
    rs.stars_gain_7d,
    rs.stars_gain_30d,
    w.open_access_pdf IS NOT NULL AND w.open_access_pdf <> '' AS has_open_access_pdf,
    coalesce(w.published, false)                            AS published,
    CASE
        WHEN w.published THEN 'published'
        WHEN w.arxiv_id IS NOT NULL THEN 'preprint'
        ELSE 'unknown'
    END                                                     AS publication_status,
    p.entries,
    w.first_public_date,
    w.published_date,
    w.arxiv_first_version_date,
    pm.citation_gain_7d_days,
    pm.citation_gain_30d_days,
    rs.stars_gain_7d_days,
    rs.stars_gain_30d_days
FROM works w
JOIN per_work p USING (work_id)
CROSS JOIN clock c
LEFT JOIN paper pm ON pm.s2_paper_id = w.s2_paper_id
LEFT JOIN repo_stats rs ON rs.repo_key = p.repo_key;

-- One row per current entry with the facts the list and section statistics count (internal).
CREATE OR REPLACE VIEW entry_facts AS
SELECT
    c.list_name,
    c.entry_id,
    c.section,
    c.subsection,
    c.position,
    c.kind,
    c.work_id,
    e.repo_key,
    c.code_url IS NOT NULL OR e.repo_key IS NOT NULL       AS has_code,
    nullif(trim(coalesce(c.venue, c.listed_venue)), '')    AS venue,
    coalesce(c.year, c.listed_year)                        AS year,
    coalesce(len(c.authors), 0) > 0                        AS has_authors,
    coalesce(trim(c.abstract), '') <> ''                   AS has_abstract,
    c.citation_count,
    c.stars
FROM catalogue c
JOIN current_entries e USING (list_name, entry_id);

-- The members of every group the statistics are given for: a whole list, a section, a
-- subsection (internal; `level` says which). The entries' facts are computed once for the
-- three (a view named three times is computed three times: the catalogue behind it is the
-- costly part; section_stats at 10,000 entries 0.27-0.36 -> 0.15-0.23 s).
CREATE OR REPLACE VIEW stats_groups AS
WITH facts AS MATERIALIZED (SELECT * FROM entry_facts)
SELECT 'list' AS level, list_name, NULL::VARCHAR AS section, NULL::VARCHAR AS subsection,
       * EXCLUDE (list_name, section, subsection)
FROM facts
UNION ALL
SELECT 'section', list_name, section, NULL::VARCHAR, * EXCLUDE (list_name, section, subsection)
FROM facts
UNION ALL
SELECT 'subsection', list_name, section, subsection,
       * EXCLUDE (list_name, section, subsection)
FROM facts
WHERE subsection IS NOT NULL;

-- The figures of every group (internal; list_stats and section_stats show them).
-- Coverage shares count what could be known: authors, abstract and citations among entries that
-- point at a paper, stars among entries that link a repository.
CREATE OR REPLACE VIEW group_stats AS
WITH members AS MATERIALIZED (SELECT * FROM stats_groups),
by_entry AS (
    SELECT
        level, list_name, section, subsection,
        min(position)                                                  AS first_position,
        count(*)                                                       AS entries,
        count(DISTINCT work_id)                                        AS works,
        count(DISTINCT repo_key)                                       AS repositories,
        round(avg(has_code::INTEGER), 3)                               AS share_with_code,
        min(year)                                                      AS first_year,
        max(year)                                                      AS last_year,
        round(avg(has_authors::INTEGER) FILTER (WHERE work_id IS NOT NULL), 3)
                                                                       AS share_with_authors,
        round(avg(has_abstract::INTEGER) FILTER (WHERE work_id IS NOT NULL), 3)
                                                                       AS share_with_abstract,
        round(avg((citation_count IS NOT NULL)::INTEGER) FILTER (WHERE work_id IS NOT NULL), 3)
                                                                       AS share_with_citations,
        round(avg((stars IS NOT NULL)::INTEGER) FILTER (WHERE repo_key IS NOT NULL), 3)
                                                                       AS share_with_stars
    FROM members
    GROUP BY ALL
),
distinct_works AS (
    SELECT DISTINCT level, list_name, section, subsection, work_id, citation_count
    FROM members
    WHERE work_id IS NOT NULL
),
by_work AS (
    SELECT
        level, list_name, section, subsection,
        round(median(citation_count), 1) AS median_citations,
        max(citation_count)              AS top_citations
    FROM distinct_works
    GROUP BY ALL
),
venue_counts AS (
    SELECT level, list_name, section, subsection, venue, count(*) AS entries
    FROM members
    WHERE venue IS NOT NULL
    GROUP BY ALL
),
by_venue AS (
    SELECT
        level, list_name, section, subsection,
        list({'venue': venue, 'entries': entries} ORDER BY entries DESC, venue)[1:5]
            AS top_venues
    FROM venue_counts
    GROUP BY ALL
),
year_counts AS (
    SELECT level, list_name, section, subsection, year, count(*) AS entries
    FROM members
    WHERE year IS NOT NULL
    GROUP BY ALL
),
by_year AS (
    SELECT
        level, list_name, section, subsection,
        list({'year': year, 'entries': entries} ORDER BY year) AS entries_by_year
    FROM year_counts
    GROUP BY ALL
)
SELECT
    g.level, g.list_name, g.section, g.subsection, g.first_position,
    g.entries, g.works, g.repositories, g.share_with_code,
    w.median_citations, w.top_citations,
    coalesce(v.top_venues, [])       AS top_venues,
    g.first_year, g.last_year,
    coalesce(y.entries_by_year, [])  AS entries_by_year,
    g.share_with_authors, g.share_with_abstract, g.share_with_citations, g.share_with_stars
FROM by_entry g
LEFT JOIN by_work w
    ON w.level = g.level AND w.list_name = g.list_name
   AND w.section IS NOT DISTINCT FROM g.section AND w.subsection IS NOT DISTINCT FROM g.subsection
LEFT JOIN by_venue v
    ON v.level = g.level AND v.list_name = g.list_name
   AND v.section IS NOT DISTINCT FROM g.section AND v.subsection IS NOT DISTINCT FROM g.subsection
LEFT JOIN by_year y
    ON y.level = g.level AND y.list_name = g.list_name
   AND y.section IS NOT DISTINCT FROM g.section AND y.subsection IS NOT DISTINCT FROM g.subsection;

-- How big is each list, how much of it has code, how cited is it, which venues and years does it
-- cover, and how complete is what we fetched for it?
CREATE OR REPLACE VIEW list_stats AS
SELECT * EXCLUDE (level, section, subsection, first_position)
FROM group_stats
WHERE level = 'list';

-- The same figures per section, and per subsection (`level` = 'section' | 'subsection'; a
-- section row counts its subsections' entries too; `first_position` orders them as the list does).
CREATE OR REPLACE VIEW section_stats AS
SELECT *
FROM group_stats
WHERE level IN ('section', 'subsection');

-- Which works gained the most citations, and which repositories the most stars, over the last
-- 30 days? One ranking per kind ('work' | 'repository'); subjects without 30 days of history are
-- left out. Ties are broken by the 7-day gain, then by id.
CREATE OR REPLACE VIEW fastest_growing AS
WITH candidates AS (
    SELECT 'work' AS kind, work_id AS subject_id, title AS name, 'citations' AS metric,
           citations AS value, citation_gain_7d AS gain_7d, citation_gain_30d AS gain_30d
    FROM work_stats
    WHERE citation_gain_30d IS NOT NULL
    UNION ALL
    SELECT 'repository', repo_key, full_name, 'stars', stars, stars_gain_7d, stars_gain_30d
    FROM repo_stats
    WHERE stars_gain_30d IS NOT NULL
)
SELECT
    kind,
    row_number() OVER (
        PARTITION BY kind ORDER BY gain_30d DESC, gain_7d DESC NULLS LAST, subject_id
    ) AS rank,
    subject_id, name, metric, value, gain_7d, gain_30d
FROM candidates;

-- Who wrote the works of the current lists, how many, and how cited are they? Authors are told
-- apart by their Semantic Scholar id when it is known (two people with one name stay two);
-- authors without one are keyed by their name, lower-cased with spaces collapsed.
CREATE OR REPLACE VIEW author_stats AS
WITH authorships AS (
    SELECT DISTINCT
        CASE
            WHEN a.s2_author_id IS NOT NULL AND a.s2_author_id <> '' THEN 's2:' || a.s2_author_id
            ELSE 'name:' || regexp_replace(lower(trim(a.name)), '\s+', ' ', 'g')
        END AS author_key,
        nullif(a.s2_author_id, '') AS s2_author_id,
        a.name,
        a.work_id,
        a.position
    FROM work_authors a
    WHERE a.work_id IN (SELECT work_id FROM current_entries WHERE work_id IS NOT NULL)
),
per_work AS (
    SELECT author_key, any_value(s2_author_id) AS s2_author_id, min(name) AS name, work_id,
           min(position) AS position
    FROM authorships
    GROUP BY author_key, work_id
)
SELECT
    p.author_key,
    any_value(p.s2_author_id)                       AS s2_author_id,
    min(p.name)                                     AS name,
    count(*)                                        AS works,
    count(*) FILTER (WHERE p.position = 1)          AS first_author_works,
    coalesce(sum(ws.citations), 0)                  AS total_citations,
    count(ws.citations)                             AS works_with_citations
FROM per_work p
LEFT JOIN work_stats ws USING (work_id)
GROUP BY p.author_key;

-- What should the list maintainer look at? One row per problem and entry:
--   suspected_wrong_link  title_mismatch | duplicate_id | shared_repository (link checks)
--   duplicate             listed_twice | same_title_different_ids (link checks)
--   stale_repository      repo_archived | repo_silent (no push for 365 days before it was fetched)
--   outdated_link         repo_renamed (GitHub redirects the linked name elsewhere)
--   dead_link             repo_not_found | arxiv_not_found | acl_not_found
--   unresolved            no_resolvable_id (neither a paper id nor a code repository)
CREATE OR REPLACE VIEW data_quality AS
WITH repo_links AS (
    SELECT DISTINCT l.list_name, l.entry_id, r.*
    FROM current_links l
    JOIN repositories r ON r.repo_key = l.id_value
    WHERE l.id_kind = 'github'
),
problems AS (
    SELECT
        list_name,
        entry_id,
        CASE
            WHEN problem IN ('title_mismatch', 'duplicate_id', 'shared_repository')
                THEN 'suspected_wrong_link'
            WHEN problem IN ('listed_twice', 'same_title_different_ids') THEN 'duplicate'
            ELSE 'link_check'
        END AS category,
        problem,
        NULL::VARCHAR AS subject,
        detail
    FROM link_problems
    UNION ALL
    SELECT list_name, entry_id, 'stale_repository', 'repo_archived', repo_key,
           'archived on GitHub'
    FROM repo_links
    WHERE status = 'ok' AND archived
    UNION ALL
    SELECT list_name, entry_id, 'stale_repository', 'repo_silent', repo_key,
           'no push for ' || date_diff('day', pushed_at, fetched_at) || ' days (last push '
           || strftime(pushed_at, '%Y-%m-%d') || ')'
    FROM repo_links
    WHERE status = 'ok' AND NOT coalesce(archived, false)
      AND pushed_at < fetched_at - INTERVAL 365 DAY
    UNION ALL
    SELECT list_name, entry_id, 'outdated_link', 'repo_renamed', repo_key,
           'GitHub now names it ' || renamed_to
    FROM repo_links
    WHERE status = 'ok' AND renamed_to IS NOT NULL AND lower(renamed_to) <> repo_key
    UNION ALL
    SELECT list_name, entry_id, 'dead_link', 'repo_not_found', repo_key,
           'GitHub says the repository does not exist'
    FROM repo_links
    WHERE status = 'not_found'
    UNION ALL
    SELECT DISTINCT l.list_name, l.entry_id, 'dead_link', f.source || '_not_found', l.id_value,
           coalesce(f.error, f.source || ' does not know this id')
    FROM current_links l
    JOIN fetch_status f
      ON f.source = paper_kind(l.id_kind)
     AND f.item_id = l.id_value
    WHERE paper_kind(l.id_kind) IN ('arxiv', 'acl') AND f.status = 'not_found'
    UNION ALL
    SELECT list_name, entry_id, 'unresolved', 'no_resolvable_id', NULL,
           'no paper id and no code repository'
    FROM current_entries
    WHERE work_id IS NULL AND repo_key IS NULL
)
SELECT
    p.category,
    p.problem,
    p.list_name,
    e.section,
    e.subsection,
    e.line_no,
    e.listed_title,
    p.subject,
    p.detail,
    p.entry_id
FROM problems p
JOIN current_entries e USING (list_name, entry_id);
