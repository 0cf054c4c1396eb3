-- Tables every case's evidence database has, whatever sources it holds.

-- Each record that could not be imported, with where it came from and why.
CREATE TABLE IF NOT EXISTS cairn_rejects (
  evidence_id  INTEGER NOT NULL,   -- manifest id in case.sqlite
  source       VARCHAR NOT NULL,   -- log source id
  ordinal      BIGINT,             -- record number in the file (1-based), when known
  line         BIGINT,             -- 1-based line, for line-oriented formats
  byte_offset  BIGINT,             -- offset in the decompressed content, when known
  reason       VARCHAR NOT NULL,
  raw          VARCHAR,            -- the record's text, truncated to 64 KiB
  raw_length   BIGINT              -- the record's full length in bytes
);

-- Imported records that read differently in different tools, e.g. an object with the same key twice or keys
-- differing only in case (decision 0030). Written in the same transaction as the file's rows; join on
-- (_evidence_id, _ordinal) = (evidence_id, ordinal).
CREATE TABLE IF NOT EXISTS cairn_record_flags (
  evidence_id  INTEGER NOT NULL,
  source       VARCHAR NOT NULL,
  ordinal      BIGINT NOT NULL,
  flag         VARCHAR NOT NULL,   -- 'duplicate-key'
  path         VARCHAR NOT NULL,   -- JSON path of the object holding the keys
  detail       VARCHAR NOT NULL    -- every key as written and its value's JSON text
);

-- Written in the same transaction as a file's rows: the evidence db's own record of what it holds,
-- so a crash between this commit and the case.sqlite update is reconciled, not re-imported.
CREATE TABLE IF NOT EXISTS cairn_ledger (
  evidence_id   INTEGER PRIMARY KEY,
  source        VARCHAR NOT NULL,
  tables        VARCHAR[] NOT NULL,
  records_read  BIGINT NOT NULL,
  imported      BIGINT NOT NULL,
  rejected      BIGINT NOT NULL,
  committed_at  TIMESTAMP NOT NULL
);

-- Which Cairn laid out the sources' tables and views; their DDL runs again only when this changes, so opening
-- a case does not rewrite the evidence database.
CREATE TABLE IF NOT EXISTS cairn_schema (
  source        VARCHAR PRIMARY KEY,
  tool_version  VARCHAR NOT NULL,
  applied_at    TIMESTAMP NOT NULL
);

-- A content seal per evidence file and table, written in the same transaction as the file's rows: its row
-- count and an order-independent digest of those rows (duck/seals.ts; decision 0003). A copy is kept in
-- case.sqlite, outside this database, and `cairn verify` recomputes both.
CREATE TABLE IF NOT EXISTS cairn_seals (
  evidence_id  INTEGER NOT NULL,
  tbl          VARCHAR NOT NULL,
  rows         BIGINT NOT NULL,
  hash_sum     VARCHAR NOT NULL,
  hash_xor     VARCHAR NOT NULL,
  PRIMARY KEY (evidence_id, tbl)
);
