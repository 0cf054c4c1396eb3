-- Fills cloudtrail_batch_files (batch-files.sql) in one statement. Each parameter is a JSON list with one
-- entry per file, all in the same order; unnest of several lists zips them.
INSERT INTO cloudtrail_batch_files
SELECT unnest(from_json($paths, '["VARCHAR"]')), unnest(from_json($ids, '["INTEGER"]')),
       unnest(from_json($regions, '["VARCHAR"]')), unnest(from_json($years, '["VARCHAR"]')),
       unnest(from_json($months, '["VARCHAR"]')), unnest(from_json($days, '["VARCHAR"]')),
       unnest(from_json($accounts, '["VARCHAR"]'))
