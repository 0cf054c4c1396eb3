-- The validation section's per-file rejects: each reason once per file, with where its first record sits.
SELECT evidence_id, reason, count(*) AS n, min(ordinal) AS first_ordinal, min(line) AS first_line, min(byte_offset) AS first_offset
FROM cairn_rejects
GROUP BY evidence_id, reason
ORDER BY evidence_id, n DESC, reason;
