// What a Sigma hunt reports (cairn hunt, the Hunt view): per rule, runnable or the reason; hits with provenance.

export interface HuntHit {
  evidenceId: number; ordinal: number; eventId: string | null; eventTime: string | null; eventName: string | null; principal: string | null; sourceIp: string | null;
  /** Correlations: the group's value (count() by field) and the events in the window when it fired. */
  groupValue?: string | null; windowCount?: number;
}

export interface HuntRuleResult {
  file: string;
  id: string | null;
  title: string | null;
  level: string | null;
  author: string | null;
  techniques: string[];
  runnable: boolean;
  /** Why a rule could not run (not runnable, or DuckDB refused its SQL). */
  reason: string | null;
  kind: 'match' | 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered' | null;
  hits: number;
  /** The first hits, oldest first, with provenance (evidence id and ordinal). */
  rows: HuntHit[];
  sql: string | null;
  elapsedMs: number;
}

export interface Technique { id: string; name: string | null }

/** One ATT&CK technique of the case: the findings (not deleted) that carry it and their rows. */
export interface TechniqueCount extends Technique { findings: number; rows: number; findingIds: number[]; titles: string[] }

export interface HuntSummary {
  rules: number;
  runnable: number;
  notRunnable: number;
  rulesWithHits: number;
  hits: number;
  results: Array<HuntRuleResult & { techniqueNames: Technique[] }>;
  elapsedMs: number;
}

