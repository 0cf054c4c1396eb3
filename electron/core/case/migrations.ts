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
  /* 2 */ `
  -- Findings: the analyst's conclusions. Never deleted: deletion sets the flag (and is audited).
  CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    description TEXT NOT NULL DEFAULT '',   -- Markdown
    attack_technique TEXT,                  -- MITRE ATT&CK id, e.g. T1562.008
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT
  );

  CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    colour TEXT NOT NULL
  );

  CREATE TABLE finding_tags (
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    tag_id INTEGER NOT NULL REFERENCES tags(id),
    PRIMARY KEY (finding_id, tag_id)
  );

  CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    finding_id INTEGER REFERENCES findings(id),  -- NULL: a note on the case
    body TEXT NOT NULL,                          -- Markdown
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
  );

  -- The query text and bound parameters behind each batch of rows added to a finding.
  CREATE TABLE finding_queries (
    id INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    sql TEXT NOT NULL,
    params TEXT NOT NULL,                        -- JSON object
    at TEXT NOT NULL
  );

  -- One row of evidence inside a finding: where it came from and what it said, frozen.
  CREATE TABLE finding_rows (
    id INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    query_id INTEGER NOT NULL REFERENCES finding_queries(id),
    evidence_id INTEGER,                         -- NULL when the query did not select _evidence_id/_ordinal
    ordinal INTEGER,
    evidence_sha256 TEXT,                        -- the manifest's hash of that file when the row was added
    snapshot TEXT NOT NULL,                      -- canonical JSON {columns, values}
    snapshot_sha256 TEXT NOT NULL,
    event_time TEXT,                             -- ISO-8601 UTC found in the row, for the timeline
    added_at TEXT NOT NULL
  );
  CREATE INDEX finding_rows_by_finding ON finding_rows (finding_id, id);
  CREATE INDEX finding_rows_by_time ON finding_rows (event_time);
  CREATE TRIGGER finding_rows_frozen BEFORE UPDATE ON finding_rows BEGIN SELECT RAISE(ABORT, 'finding rows are snapshots and never change'); END;
  CREATE TRIGGER finding_rows_kept BEFORE DELETE ON finding_rows BEGIN SELECT RAISE(ABORT, 'finding rows are snapshots and never change'); END;
  `,
  /* 3 */ `
  -- The evidence tables' content seals, copied from the evidence database's cairn_seals at commit (decision 0003),
  -- so a change made inside the evidence database cannot also rewrite the seal it is checked against.
  CREATE TABLE evidence_seals (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    tbl TEXT NOT NULL,
    rows INTEGER NOT NULL,
    hash_sum TEXT NOT NULL,
    hash_xor TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    sealed_at TEXT NOT NULL,
    PRIMARY KEY (evidence_id, tbl)
  );
  `,
  /* 4 */ `
  -- Chain of custody (#26): how each evidence item reached the examiner. Append-only: a correction is a new
  -- record that says what it corrects, so the report shows the history a court may ask about.
  CREATE TABLE custody (
    id INTEGER PRIMARY KEY,
    item TEXT NOT NULL,
    path TEXT,                 -- the file or folder as added; manifest files under it belong to the item
    received_from TEXT NOT NULL,
    received_at TEXT NOT NULL,
    how TEXT NOT NULL,
    received_by TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
  );
  CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody BEGIN SELECT RAISE(ABORT, 'custody records are append-only'); END;
  CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody BEGIN SELECT RAISE(ABORT, 'custody records are append-only'); END;
  `,
  /* 5 */ `
  -- Detection that never guesses (#24): the formats that could read a file left for the analyst's decision (JSON
  -- list of {format, label, note}), and the format the analyst chose for a file (import --as), so the manifest and
  -- the report say a format was chosen, not detected.
  ALTER TABLE evidence ADD COLUMN candidates TEXT;
  ALTER TABLE evidence ADD COLUMN chosen_format TEXT;
  `,
  /* 6 */ `
  -- A run's chosen format and fields (import --as/--fields), so resuming it reads its files the same way.
  ALTER TABLE import_runs ADD COLUMN chosen_format TEXT;
  ALTER TABLE import_runs ADD COLUMN chosen_fields TEXT;
  `,
];
