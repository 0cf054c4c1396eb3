// Plain data types shared by the core, the transports and the renderer, gathered in one place.
// Nothing here may import from outside shared/. The modules form a chain, never a cycle:
// case-types.ts (leaf) <- findings.ts <- report.ts.
export * from './case-types';
export * from './findings';
export * from './report';
export * from './analyst-types';

/** Progress of `cairn export parquet` (electron/core/export/parquet-export.ts). */
export interface ParquetExportProgress {
  phase: 'tables' | 'case-tables' | 'hashing' | 'ddl' | 'done';
  table: string;
  tablesDone: number;
  tablesTotal: number;
  /** Evidence-database rows written so far, of rowsTotal. */
  rowsDone: number;
  rowsTotal: number;
}

export interface ParquetExportSummary {
  outDir: string;
  /** SHA-256 of the export's manifest.json (also in manifest.json.sha256 beside it). */
  manifestSha256: string;
  files: number;
  rows: number;
  bytes: number;
  elapsedMs: number;
  tables: Array<{ name: string; kind: 'evidence' | 'case'; rows: number; files: number; partitions: string[] }>;
  /** Views the DDL could not express in every dialect, with the reason (left out of the DDL, listed here). */
  untranslatedViews: string[];
}
/** A Parquet export started from the workbench (export.parquet): its id and where it writes. */
export interface ParquetExportStart { exportId: number; outDir: string }
export interface ParquetExportFinished { exportId: number; summary: ParquetExportSummary; manifestPath: string }
export * from './integrity-types';
