-- Cairn's record of how each CSV file was read, so an analyst (or a reviewer) can see the dialect
-- decisions and map column names back to the header text as written.

CREATE TABLE IF NOT EXISTS cairn_csv_files (
  evidence_id      INTEGER NOT NULL,
  table_name       VARCHAR NOT NULL,
  encoding         VARCHAR NOT NULL,  -- utf-8, utf-16le, utf-16be or windows-1252 (Latin-1 fallback)
  delimiter        VARCHAR NOT NULL,
  has_header       BOOLEAN NOT NULL,
  column_count     INTEGER NOT NULL,
  padded_records   BIGINT  NOT NULL,  -- records shorter than column_count: missing fields are NULL
  trimmed_records  BIGINT  NOT NULL   -- records longer than column_count whose extra fields were all empty
);

CREATE TABLE IF NOT EXISTS cairn_csv_columns (
  evidence_id  INTEGER NOT NULL,
  table_name   VARCHAR NOT NULL,
  position     INTEGER NOT NULL,      -- 1-based field position in the record
  column_name  VARCHAR NOT NULL,
  header_text  VARCHAR               -- the header cell as written; NULL without a header
);
