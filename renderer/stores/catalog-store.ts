// What the case offers to query: tables and views (with struct fields), the supported functions and the
// shipped query library. Reloaded when the case changes or an import finishes.
import { createStore } from 'zustand/vanilla';
import type { Client, FunctionInfo, LibraryQuery, SchemaTable } from '../../shared/api';
import type { ErrorInfo } from '../../shared/errors';
import { toErrorInfo } from './errors';

export interface CatalogState {
  tables: SchemaTable[];
  functions: FunctionInfo[];
  library: LibraryQuery[];
  loading: boolean;
  error: ErrorInfo | null;
}

export interface CatalogActions {
  refresh(): Promise<void>;
  refreshTables(): Promise<void>;
  clear(): void;
}

export type CatalogStore = ReturnType<typeof createCatalogStore>;

export function createCatalogStore(client: Client) {
  return createStore<CatalogState & CatalogActions>()((set) => ({
    tables: [], functions: [], library: [], loading: false, error: null,
    async refresh() {
      set({ loading: true, error: null });
      try {
        const [tables, functions, library] = await Promise.all([
          client.call('schema.tables', {}), client.call('schema.functions', {}), client.call('library.list', {}),
        ]);
        set({ tables: sortTables(tables), functions, library });
      } catch (e) {
        set({ error: toErrorInfo(e) });
      } finally {
        set({ loading: false });
      }
    },
    async refreshTables() {
      try { set({ tables: sortTables(await client.call('schema.tables', {})) }); } catch (e) { set({ error: toErrorInfo(e) }); }
    },
    clear() { set({ tables: [], functions: [], library: [], error: null }); },
  }));
}

/** Evidence tables first, then views, then Cairn's own bookkeeping tables (cairn_*). */
export function sortTables(tables: SchemaTable[]): SchemaTable[] {
  const rank = (t: SchemaTable): number => (t.name.startsWith('cairn_') ? 2 : t.kind === 'view' ? 1 : 0);
  return [...tables].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
