-- Names a scratch object may not take: DuckDB's functions, the dialect's macros and the evidence objects.
SELECT DISTINCT function_name AS name, 'function' AS kind FROM system.main.duckdb_functions() WHERE database_name IN ('system', 'temp')
UNION ALL SELECT table_name, 'evidence' FROM system.main.duckdb_tables() WHERE database_name = 'evidence'
UNION ALL SELECT view_name, 'evidence' FROM system.main.duckdb_views() WHERE database_name = 'evidence' AND NOT internal
