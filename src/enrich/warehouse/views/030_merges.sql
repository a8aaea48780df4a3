-- Why are these ids one work? One row per link between two ids of a work the current lists point
-- at, with its evidence: entry (linked from one list entry), s2_lookup (Semantic Scholar answered
-- one id with the paper), s2_external_ids (Semantic Scholar lists the other id for it), doi (arXiv
-- or the Anthology records the DOI), forced (the config's merges.force). Refused links (the
-- config's merges.refuse) are there too, with refused = true and no work. title_score says how
-- alike the two ids' own titles are (0–100): a low one is a merge to look at.
CREATE OR REPLACE VIEW work_merges AS
SELECT
    m.work_id,
    m.id_a,
    m.id_b,
    m.evidence,
    m.detail,
    m.source,
    m.refused,
    m.title_score
FROM merge_links m
WHERE m.refused
   OR m.work_id IN (SELECT work_id FROM current_entries WHERE work_id IS NOT NULL)
ORDER BY m.work_id NULLS LAST, m.id_a, m.id_b, m.evidence, m.detail;
