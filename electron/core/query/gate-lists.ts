// What the statement gate refuses by name. Kept apart so the escape suite can enumerate them.

/** Functions that read files, run SQL from strings, or show the workstation's paths and configuration. */
export const DENIED_FUNCTIONS: ReadonlySet<string> = new Set([
  'read_csv', 'read_csv_auto', 'sniff_csv', 'read_json', 'read_json_auto', 'read_json_objects', 'read_json_objects_auto',
  'read_ndjson', 'read_ndjson_auto', 'read_ndjson_objects', 'read_parquet', 'parquet_scan', 'parquet_metadata',
  'parquet_schema', 'parquet_file_metadata', 'parquet_kv_metadata', 'parquet_bloom_probe', 'read_text', 'read_blob', 'glob',
  'query', 'query_table', 'json_execute_serialized_sql', 'sqlite_scan', 'sqlite_attach', 'read_xlsx', 'iceberg_scan',
  'delta_scan', 'getenv', 'duckdb_secrets', 'load_aws_credentials', 'read_duckdb', 'duckdb_extensions', 'install_extension',
  'load_extension', 'checkpoint', 'force_checkpoint', 'enable_logging', 'duckdb_logs',
  // They show the case's and the spill folder's absolute paths.
  'duckdb_settings', 'current_setting', 'duckdb_databases', 'pragma_database_list', 'database_list', 'duckdb_temporary_files',
  'pragma_database_size', 'duckdb_log_contexts', 'which_secret', 'duckdb_external_file_cache',
]);

/** DuckDB's StatementType enum (duckdb.h), as the prepared statement reports it. */
export const STATEMENT_TYPES: Readonly<Record<number, string>> = {
  1: 'SELECT', 2: 'INSERT', 3: 'UPDATE', 4: 'EXPLAIN', 5: 'DELETE', 6: 'PREPARE', 7: 'CREATE', 8: 'EXECUTE', 9: 'ALTER',
  10: 'TRANSACTION', 11: 'COPY', 12: 'ANALYZE', 13: 'SET VARIABLE', 14: 'CREATE FUNCTION', 15: 'DROP', 16: 'EXPORT', 17: 'PRAGMA',
  18: 'VACUUM', 19: 'CALL', 20: 'SET', 21: 'LOAD', 22: 'RELATION', 23: 'EXTENSION', 24: 'LOGICAL PLAN', 25: 'ATTACH', 26: 'DETACH',
  27: 'MULTI', 28: 'COPY DATABASE', 29: 'UPDATE EXTENSIONS', 30: 'MERGE INTO',
};
