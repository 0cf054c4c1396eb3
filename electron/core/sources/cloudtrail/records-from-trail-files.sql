-- {"Records":[...]} files: DuckDB parses each whole file; unnest keeps each record's 1-based position.
-- FILES is a list literal of staged paths; MAX_OBJECT is sized to the largest file (a whole file
-- is one JSON object), which also lets a single record over DuckDB's 16 MiB default through.
SELECT filename, unnest(Records) AS rec, unnest(range(1, len(Records) + 1)) AS ord
FROM read_json({{FILES}}, columns = {Records: 'JSON[]'}, format = 'unstructured',
               maximum_object_size = {{MAX_OBJECT}}, filename = true)
