-- Flagged link problems of the current lists, with where to find each entry in the list.
CREATE OR REPLACE VIEW flagged_links AS
SELECT
    p.list_name,
    e.section,
    e.subsection,
    e.line_no,
    e.listed_title,
    p.problem,
    p.detail,
    round(p.score, 1) AS score,
    p.entry_id
FROM link_problems p
JOIN current_entries e USING (list_name, entry_id)
ORDER BY p.list_name, e.line_no, p.problem;
