-- Rows taken from a Parquet file of a Cairn table (a Cairn export, or an Athena CTAS/UNLOAD of the exported
-- tables): in this case they carry the Parquet file's evidence id and row number; where they came from in
-- the case that exported them is kept here, row by row.
CREATE TABLE IF NOT EXISTS cairn_parquet_origin (
  evidence_id        INTEGER NOT NULL,  -- the Parquet file, in this case's manifest
  ordinal            BIGINT NOT NULL,   -- its 1-based row number: the row's _ordinal here
  tbl                VARCHAR NOT NULL,  -- the table the row went to
  origin_evidence_id INTEGER,           -- the row's _evidence_id in the exporting case
  origin_ordinal     BIGINT             -- the row's _ordinal there
);
