-- The seal of each evidence file's rows in one table: row count, and the sum and XOR of DuckDB's hash() of each
-- whole row (every column, _evidence_id and _ordinal included), so the order rows are stored in does not matter.
-- {table} and {id} are filled in by seals.ts with a quoted identifier; $lo/$hi bound the ids so zone maps skip
-- row groups of other files; $ids limits to the given files (NULL: every file).
SELECT t.{id} AS evidence_id, count(*) AS rows, sum(hash(t))::VARCHAR AS hash_sum, bit_xor(hash(t))::VARCHAR AS hash_xor
FROM {table} AS t
WHERE t.{id} BETWEEN $lo AND $hi AND ($ids IS NULL OR list_contains($ids::INTEGER[], t.{id}))
GROUP BY 1
