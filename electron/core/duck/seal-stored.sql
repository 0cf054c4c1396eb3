-- The seal of each evidence file's rows in a table whose INSERT stored each row's hash() in _row_hash (the
-- CloudTrail insert does): the same count, sum and XOR as seal-rows.sql without reading the rows back (decision
-- 0003). `hashed` counts the rows that carry a hash; sealing falls back to seal-rows.sql for a file where any
-- row has none (rows of a case made before the column). Bounds as in seal-rows.sql.
SELECT {id} AS evidence_id, count(*) AS rows, sum(_row_hash)::VARCHAR AS hash_sum, bit_xor(_row_hash)::VARCHAR AS hash_xor,
       count(_row_hash) AS hashed
FROM {table}
WHERE {id} BETWEEN $lo AND $hi
GROUP BY 1
