-- The seal of each evidence file's rows in one table: row count, and the sum and XOR of DuckDB's hash() of each
-- whole row (every column, _evidence_id and _ordinal included, but not the stored _row_hash), so the order rows
-- are stored in does not matter. seals.ts fills in {rows}, (SELECT COLUMNS(c -> c <> '_row_hash') FROM <table>)
-- (the same as SELECT * EXCLUDE (_row_hash) when it has that column, SELECT * when not), and {id}, the id column; $lo/$hi bound the ids so zone maps skip
-- row groups of other files. The caller keeps the files it asked for: a list of ids filtered in SQL cost far more
-- than the rows of other files in the range (decision 0003).
SELECT t.{id} AS evidence_id, count(*) AS rows, sum(hash(t))::VARCHAR AS hash_sum, bit_xor(hash(t))::VARCHAR AS hash_xor
FROM {rows} AS t
WHERE t.{id} BETWEEN $lo AND $hi
GROUP BY 1
