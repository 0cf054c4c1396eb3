import type { Method } from '../../../shared/api';
import { CairnError } from '../errors';

// Argument shapes per method, checked before any handler runs: the renderer is not trusted either
// (a compromised page must not reach the core with unexpected types).
type FieldType = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]' | 'record' | 'sort';
type Shape = Record<string, FieldType | `${FieldType}?`>;

const SHAPES: Record<Method, Shape> = {
  'app.info': {},
  'case.create': { dir: 'string', name: 'string', examiner: 'string' },
  'case.open': { dir: 'string' },
  'case.openDemo': {},
  'case.current': {},
  'case.close': {},
  'case.recent': {},
  'case.integrity': {},
  'evidence.list': {},
  'evidence.rejects': { evidenceId: 'number', offset: 'number', limit: 'number' },
  'import.start': { paths: 'string[]' },
  'import.cancel': { runId: 'number' },
  'schema.tables': {},
  'schema.functions': {},
  'query.run': { sql: 'string', params: 'record?', pageSize: 'number?', timeoutMs: 'number?', queryId: 'string?' },
  'query.page': { queryId: 'string', offset: 'number', limit: 'number', sort: 'sort?' },
  'query.complete': { queryId: 'string' },
  'query.cancel': { queryId: 'string' },
  'query.close': { queryId: 'string' },
  'query.export': { queryId: 'string', format: 'string', path: 'string?' },
  'query.history': { limit: 'number?' },
  'library.list': {},
  'hunt.run': { ruleDirs: 'string[]?' },
  'hunt.accept': { file: 'string' },
  'dialog.openEvidence': { folders: 'boolean' },
  'dialog.chooseCaseFolder': {},
  'finding.create': { queryId: 'string', rows: 'number[]?', all: 'boolean?', sort: 'sort?', title: 'string', severity: 'string?', description: 'string?', attack: 'string?', tags: 'string[]?', note: 'string?' },
  'finding.addRows': { id: 'number', queryId: 'string', rows: 'number[]?', all: 'boolean?', sort: 'sort?' },
  'finding.update': { id: 'number', title: 'string?', severity: 'string?', description: 'string?', attack: 'string?', tags: 'string[]?' },
  'finding.delete': { id: 'number' },
  'finding.list': { tag: 'string?', severity: 'string?', includeDeleted: 'boolean?' },
  'finding.get': { id: 'number' },
  'tag.list': {},
  'tag.upsert': { name: 'string', colour: 'string?' },
  'note.list': { findingId: 'number?' },
  'note.save': { id: 'number?', findingId: 'number?', body: 'string' },
  'timeline.events': { tag: 'string?', limit: 'number?' },
  'timeline.histogram': { queryId: 'string', column: 'string?' },
  'report.export': { format: 'string', path: 'string?' },
  'audit.verify': {},
};

const MAX_STRING = 4 * 1024 * 1024;

export function validateArgs(method: Method, args: unknown): Record<string, unknown> {
  if (args === undefined || args === null) args = {};
  if (typeof args !== 'object' || Array.isArray(args)) throw bad(method, 'arguments must be an object');
  const obj = args as Record<string, unknown>;
  const shape = SHAPES[method];
  // hasOwn, not `in`: `in` accepts inherited names such as __proto__, constructor and toString.
  for (const key of Object.keys(obj)) if (!Object.hasOwn(shape, key)) throw bad(method, `unexpected argument ${JSON.stringify(key)}`);
  for (const [key, spec] of Object.entries(shape)) {
    const optional = spec.endsWith('?');
    const type = spec.replace('?', '') as FieldType;
    const v = obj[key];
    if (v === undefined) { if (optional) continue; throw bad(method, `missing argument ${key}`); }
    if (!matches(type, v)) throw bad(method, `argument ${key} must be ${type}`);
  }
  return obj;
}

function matches(type: FieldType, v: unknown): boolean {
  switch (type) {
    case 'string': return typeof v === 'string' && v.length <= MAX_STRING;
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'boolean': return typeof v === 'boolean';
    case 'string[]': return Array.isArray(v) && v.length <= 100_000 && v.every((s) => typeof s === 'string' && s.length <= 4096);
    case 'number[]': return Array.isArray(v) && v.length <= 100_000 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
    case 'record': return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string' && s.length <= 65536);
    case 'sort': {
      if (typeof v !== 'object' || v === null) return false;
      const s = v as Record<string, unknown>;
      return typeof s.column === 'string' && (s.descending === undefined || typeof s.descending === 'boolean');
    }
  }
}

function bad(method: string, message: string): CairnError {
  return new CairnError('BAD_REQUEST', `${method}: ${message}`);
}
