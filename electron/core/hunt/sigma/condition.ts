// Sigma's condition language: search names joined by and / or / not and parentheses, `1 of x*`, `all of x*`,
// `1 of them`, `all of them`; after a `|`, the legacy aggregations `count([field]) [by field] OP N` (run as
// correlations) and `near` (not runnable).

export type Condition =
  | { kind: 'search'; name: string }
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'of'; quantifier: 'one' | 'all'; pattern: string };

export interface Aggregation { countField: string | null; groupBy: string | null; op: '>' | '>=' | '<' | '<=' | '='; value: number }

export class ConditionError extends Error {}

export function parseCondition(text: string): { condition: Condition; aggregation: Aggregation | null } {
  const [head, ...pipes] = text.split('|');
  if (pipes.length > 1) throw new ConditionError('more than one | in the condition');
  const condition = new Parser(tokens(head!)).parse();
  return { condition, aggregation: pipes.length ? aggregation(pipes[0]!.trim()) : null };
}

function aggregation(text: string): Aggregation {
  if (/^near\b/i.test(text)) throw new ConditionError('the legacy `near` aggregation has no defined semantics in Sigma 2 (use a temporal correlation rule)');
  const m = /^count\(\s*([\w.]*)\s*\)\s*(?:by\s+([\w.]+)\s*)?(>=|<=|>|<|==|=)\s*(\d+)$/i.exec(text);
  if (!m) throw new ConditionError(`aggregation ${JSON.stringify(text)} is not count([field]) [by field] OP N`);
  return { countField: m[1] || null, groupBy: m[2] ?? null, op: (m[3] === '==' ? '=' : m[3]) as Aggregation['op'], value: Number(m[4]) };
}

function tokens(text: string): string[] {
  const out = text.match(/\(|\)|[^\s()]+/g) ?? [];
  if (out.length === 0) throw new ConditionError('empty condition');
  return out;
}

class Parser {
  private k = 0;
  constructor(private readonly t: string[]) {}

  parse(): Condition {
    const c = this.or();
    if (this.k < this.t.length) throw new ConditionError(`unexpected ${JSON.stringify(this.t[this.k])} in the condition`);
    return c;
  }

  private or(): Condition {
    const items = [this.and()];
    while (this.word('or')) items.push(this.and());
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(): Condition {
    const items = [this.not()];
    while (this.word('and')) items.push(this.not());
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private not(): Condition {
    if (this.word('not')) return { kind: 'not', item: this.not() };
    return this.primary();
  }

  private primary(): Condition {
    const t = this.t[this.k++];
    if (t === undefined) throw new ConditionError('the condition ends too early');
    if (t === '(') {
      const c = this.or();
      if (this.t[this.k++] !== ')') throw new ConditionError('a ( is not closed');
      return c;
    }
    if ((t === '1' || t.toLowerCase() === 'all') && this.t[this.k]?.toLowerCase() === 'of') {
      this.k++;
      const pattern = this.t[this.k++];
      if (!pattern || pattern === '(' || pattern === ')') throw new ConditionError(`${t} of needs a search name, a pattern or them`);
      return { kind: 'of', quantifier: t === '1' ? 'one' : 'all', pattern };
    }
    if (t === ')' || ['and', 'or', 'not', 'of'].includes(t.toLowerCase())) throw new ConditionError(`unexpected ${JSON.stringify(t)} in the condition`);
    return { kind: 'search', name: t };
  }

  private word(w: string): boolean {
    if (this.t[this.k]?.toLowerCase() !== w) return false;
    this.k++;
    return true;
  }
}

/** The searches `x*` or `them` names, in the rule's order. */
export function searchesMatching(pattern: string, names: string[]): string[] {
  if (pattern === 'them') return names.filter((n) => !n.startsWith('_'));
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return names.filter((n) => re.test(n));
}
