import { CONTRACT, type Args, type Method } from '../../../shared/api';
import { CairnError } from '../errors';

// Arguments are checked against the method's schema in shared/contract.ts before any handler runs: the
// renderer is not trusted either (a compromised page must not reach the core with unexpected types).
export function validateArgs<M extends Method>(method: M, args: unknown): Args<M> {
  if (args === undefined || args === null) args = {};
  if (typeof args !== 'object' || Array.isArray(args)) throw bad(method, 'arguments must be an object');
  const obj = args as Record<string, unknown>;
  const schema = CONTRACT[method].args;
  // hasOwn over own keys first: a JSON `__proto__` key is an own property that must be refused by name, not merged.
  for (const key of Object.keys(obj)) if (!Object.hasOwn(schema.shape, key)) throw bad(method, `unexpected argument ${JSON.stringify(key)}`);
  const parsed = schema.safeParse(obj);
  if (parsed.success) return parsed.data as Args<M>;
  const issue = parsed.error.issues[0]!;
  const key = issue.path.map(String).join('.');
  if (issue.code === 'invalid_type' && issue.path.length === 1 && obj[key] === undefined) throw bad(method, `missing argument ${key}`);
  throw bad(method, `argument ${key}: ${issue.message}`);
}

function bad(method: string, message: string): CairnError {
  return new CairnError('BAD_REQUEST', `${method}: ${message}`);
}
