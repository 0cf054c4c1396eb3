// The analyst's working state kept with the case (not evidence): open query tabs, the evidence's time range.

/** One query tab as saved in the case: its title, SQL and parameter values (never its result). */
export interface SavedQueryTab { title: string; sql: string; params: Record<string, string> }
export interface SavedQueryTabs { tabs: SavedQueryTab[]; active: number }

/** A row of an open result (its offset in the order asked for) already in live findings. */
export interface RowMark { row: number; findingIds: number[] }

/** First and last event time (ISO-8601 UTC) across the case's sources (the `events` view); null when none. */
export interface EvidenceTimeRange { first: string | null; last: string | null }
