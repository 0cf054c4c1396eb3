-- The seal of each evidence file's rows in one table: row count, and the sum and XOR of DuckDB's hash() of each
-- whole row (every column, _evidence_id and _ordinal included), so the order rows are stored in does not matter.
-- {table} and {id} are filled in by seals.ts with a quoted identifier; $lo/$hi bound the ids so zone maps skip
-- row groups of other files. The caller keeps the files it asked for: a list of ids filtered in SQL cost far more
-- than the rows of other files in the range (decision 0003).
SELECT t.{id} AS evidence_id, count(*) AS rows, sum(hash(t))::VARCHAR AS hash_sum, bit_xor(hash(t))::VARCHAR AS hash_xor
FROM {table} AS t
WHERE t.{id} BETWEEN $lo AND $hi
GROUP BY 1
