// Results of contract methods that are not case data (those live in types.ts). Nothing here imports outside shared/.

export interface RecentCase { dir: string; name: string; openedAt: string }

export interface SchemaColumn {
  name: string;
  type: string;
  /** Struct fields (and struct fields of list elements), for the schema browser and completions. */
  children?: SchemaColumn[];
}

export interface SchemaTable {
  name: string;
  kind: 'table' | 'view';
  rows: number | null;
  columns: SchemaColumn[];
}

export interface FunctionInfo {
  name: string;
  signature: string;     // e.g. "date_add(unit, value, timestamp)"
  description: string;
  dialect: 'presto' | 'duckdb';
}

export interface LibraryParam {
  name: string;          // bound as $name in the SQL
  label: string;
  kind: 'timestamp' | 'text' | 'principal' | 'ip' | 'cidr' | 'account' | 'region';
  default?: string;
  required: boolean;
}

export interface LibraryQuery {
  id: string;            // file name without .sql
  title: string;
  description: string;
  tables: string[];
  tags: string[];
  params: LibraryParam[];
  sql: string;
  /** Set when the query is kept exactly as published although it cannot run: the error code, then why. */
  fails?: string;
}

/** downloadUrl: loopback host only, where the browser can fetch the file (see DOWNLOADS in contract.ts). */
export interface ExportResult { path: string; rows: number; bytes: number; downloadUrl?: string }

export interface AppInfo {
  toolVersion: string;
  host: 'electron' | 'loopback';
  /** Native file dialogs exist only in the desktop app; in a browser the UI asks for paths as text. */
  nativeDialogs: boolean;
}
