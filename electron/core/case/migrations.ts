// Versioned schema of case.sqlite. Append new steps; never edit a shipped one.
export const MIGRATIONS: string[] = [
  /* 1 */ `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime TEXT NOT NULL,
    original_path TEXT NOT NULL,
    rel_path TEXT NOT NULL,
    compression TEXT NOT NULL,
    uncompressed_size INTEGER,
    format TEXT,
    status TEXT NOT NULL,
    reason TEXT,
    records_read INTEGER NOT NULL DEFAULT 0,
    imported INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    tables TEXT NOT NULL DEFAULT '[]',
    added_at TEXT NOT NULL,
    run_id INTEGER
  );

  CREATE TABLE import_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    state TEXT NOT NULL,            -- running | finished | cancelled | failed | interrupted
    inputs TEXT NOT NULL,           -- JSON array of the paths given
    files INTEGER NOT NULL DEFAULT 0,
    records_read INTEGER NOT NULL DEFAULT 0,
    imported INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    error TEXT
  );

  -- Every file an import run looked at, including duplicates and unsupported files.
  CREATE TABLE import_run_files (
    run_id INTEGER NOT NULL REFERENCES import_runs(id),
    path TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence(id),
    status TEXT NOT NULL,
    reason TEXT,
    duplicate_of INTEGER,
    records_read INTEGER NOT NULL DEFAULT 0,
    imported INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0
  );

  -- Append-only, hash-chained: each entry's hash covers the previous entry's hash.
  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    duckdb_version TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

  CREATE TABLE query_runs (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    sql TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    duration_ms INTEGER,
    rows INTEGER,
    status TEXT NOT NULL,
    error TEXT
  );
  `,
];
