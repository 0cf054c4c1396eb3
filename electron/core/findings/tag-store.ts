import type { Tag } from '../../../shared/findings';
import type { CaseStore } from '../case/case-store';
import { CairnError } from '../errors';
import { ALL_TAGS, INSERT_TAG, SET_TAG_COLOUR, TAG_BY_NAME, TAGS_OF_FINDING } from './findings-sql';

const COLOUR = /^#[0-9a-f]{6}$/;
// Distinguishable on dark and light themes; a new tag's colour is picked from its name so it stays stable.
const PALETTE = ['#e6194b', '#3cb44b', '#d4a017', '#4363d8', '#f58231', '#911eb4', '#2aa198', '#f032e6', '#6b8e23', '#008080', '#9a6324', '#800000'];

export function normaliseTagName(name: string): string {
  const n = name.trim();
  if (n.length === 0 || n.length > 64) throw new CairnError('BAD_REQUEST', 'a tag name is 1-64 characters');
  return n;
}

export function normaliseColour(colour: string): string {
  const c = colour.trim().toLowerCase();
  if (!COLOUR.test(c)) throw new CairnError('BAD_REQUEST', 'a tag colour is #rrggbb');
  return c;
}

function defaultColour(name: string): string {
  let h = 0;
  for (const ch of name.toLowerCase()) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

/** Free-text tags with colours. Callers run these inside their own transaction when they audit. */
export class TagStore {
  constructor(private readonly store: CaseStore) {}

  all(): Tag[] { return this.store.statement(ALL_TAGS).all() as Tag[]; }

  ofFinding(findingId: number): Tag[] { return this.store.statement(TAGS_OF_FINDING).all(findingId) as Tag[]; }

  /** Creates the tag, or changes its colour when one is given. Audited. */
  upsert(nameIn: string, colourIn?: string): Tag {
    const name = normaliseTagName(nameIn);
    const colour = colourIn === undefined ? undefined : normaliseColour(colourIn);
    return this.store.transaction(() => {
      const existing = this.store.statement(TAG_BY_NAME).get(name) as Tag | undefined;
      if (existing) {
        if (colour === undefined || colour === existing.colour) return existing;
        this.store.statement(SET_TAG_COLOUR).run(colour, existing.id);
        this.store.audit('tag.updated', { id: existing.id, name: existing.name, colour, was: existing.colour });
        return { ...existing, colour };
      }
      const c = colour ?? defaultColour(name);
      const id = Number(this.store.statement(INSERT_TAG).run(name, c).lastInsertRowid);
      this.store.audit('tag.created', { id, name, colour: c });
      return { id, name, colour: c };
    });
  }
}
