-- Every catalog object an analyst statement could add or remove. Only fully qualified system table functions
-- and no scalar functions or operators that a scratch macro could shadow.
SELECT 'table' AS kind, database_name AS db, schema_name AS sch, table_name AS name FROM system.main.duckdb_tables()
UNION ALL SELECT 'view', database_name, schema_name, view_name FROM system.main.duckdb_views() WHERE NOT internal
UNION ALL SELECT 'function', database_name, schema_name, function_name FROM system.main.duckdb_functions() WHERE database_name <> 'system'
UNION ALL SELECT 'sequence', database_name, schema_name, sequence_name FROM system.main.duckdb_sequences()
UNION ALL SELECT 'schema', database_name, schema_name, schema_name FROM system.main.duckdb_schemas() WHERE NOT internal
UNION ALL SELECT 'type', database_name, schema_name, type_name FROM system.main.duckdb_types() WHERE NOT internal
UNION ALL SELECT 'index', database_name, schema_name, index_name FROM system.main.duckdb_indexes()
UNION ALL SELECT 'database', database_name, path, readonly::VARCHAR FROM system.main.duckdb_databases()
