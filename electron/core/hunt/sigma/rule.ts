// A Sigma rule as Cairn reads it: the fields a hunt reports, the detection maps and the condition text.
// YAML is parsed with js-yaml's default (safe) schema: no custom tags, no code.
import { load, loadAll } from 'js-yaml';

export type SigmaValue = string | number | boolean | null;

/** One field's test: `field|mod1|mod2: value or list`. */
export interface FieldTest { field: string | null; modifiers: string[]; values: SigmaValue[] }

/** A named search: AND of field tests (a map), or OR of such maps (a list of maps), or keywords (a list of values). */
export type Search = { kind: 'map'; tests: FieldTest[] } | { kind: 'any'; maps: FieldTest[][] } | { kind: 'keywords'; test: FieldTest };

export interface SigmaRule {
  file: string;
  id: string;
  /** Sigma 2 `name`: how correlation rules refer to it. */
  name: string | null;
  title: string;
  status: string | null;
  level: string | null;
  author: string | null;
  description: string | null;
  tags: string[];
  logsource: { product?: string; service?: string; category?: string };
  searches: Map<string, Search>;
  condition: string;
  /** Legacy aggregation window (`timeframe: 10m`). */
  timeframe: string | null;
}

export class RuleError extends Error {}

/** Parses one rule file's text; throws RuleError naming what is wrong with it. */
export function parseSigmaRule(file: string, text: string): SigmaRule {
  let doc: unknown;
  try { doc = load(text); } catch (e) { throw new RuleError(`not YAML: ${(e as Error).message.split('\n')[0]}`); }
  return ruleFromDocument(file, doc);
}

/** The YAML documents of a file (Sigma 2 files may hold several, separated by ---); throws RuleError when it is not YAML. */
export function sigmaDocuments(text: string): unknown[] {
  try { return loadAll(text).filter((d) => d !== null && d !== undefined); } catch (e) { throw new RuleError(`not YAML: ${(e as Error).message.split('\n')[0]}`); }
}

/** One detection rule document. */
export function ruleFromDocument(file: string, doc: unknown): SigmaRule {
  if (!isRecord(doc)) throw new RuleError('not a Sigma rule (the YAML is not a map)');
  const detection = doc.detection;
  if (!isRecord(detection)) throw new RuleError('no detection section');
  const conditions = Array.isArray(detection.condition) ? detection.condition : [detection.condition];
  if (conditions.length !== 1 || typeof conditions[0] !== 'string') throw new RuleError('the detection needs exactly one condition');
  const searches = new Map<string, Search>();
  for (const [name, body] of Object.entries(detection)) {
    if (name === 'condition' || name === 'timeframe') continue;
    searches.set(name, toSearch(name, body));
  }
  const logsource = isRecord(doc.logsource) ? doc.logsource : {};
  return {
    file,
    id: str(doc.id) ?? file,
    name: str(doc.name),
    title: str(doc.title) ?? file,
    status: str(doc.status),
    level: str(doc.level),
    author: str(doc.author),
    description: str(doc.description),
    tags: Array.isArray(doc.tags) ? doc.tags.filter((t): t is string => typeof t === 'string') : [],
    logsource: { product: str(logsource.product) ?? undefined, service: str(logsource.service) ?? undefined, category: str(logsource.category) ?? undefined },
    searches,
    condition: conditions[0],
    timeframe: str(detection.timeframe),
  };
}

function toSearch(name: string, body: unknown): Search {
  if (isRecord(body)) return { kind: 'map', tests: fieldTests(name, body) };
  if (Array.isArray(body) && body.length > 0 && body.every(isRecord)) return { kind: 'any', maps: body.map((m) => fieldTests(name, m as Record<string, unknown>)) };
  if (Array.isArray(body) || isScalar(body)) return { kind: 'keywords', test: { field: null, modifiers: [], values: values(name, body) } };
  throw new RuleError(`search ${name} is neither a map, a list of maps nor a list of keywords`);
}

function fieldTests(search: string, map: Record<string, unknown>): FieldTest[] {
  return Object.entries(map).map(([key, v]) => {
    const [field, ...modifiers] = key.split('|');
    return { field: field!, modifiers: modifiers.map((m) => m.toLowerCase()), values: values(`${search}.${key}`, v) };
  });
}

function values(where: string, v: unknown): SigmaValue[] {
  const list = Array.isArray(v) ? v : [v];
  if (!list.every(isScalar)) throw new RuleError(`${where}: values must be strings, numbers, booleans or null`);
  return list as SigmaValue[];
}

const isScalar = (v: unknown): v is SigmaValue => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : v instanceof Date ? v.toISOString().slice(0, 10) : null);
