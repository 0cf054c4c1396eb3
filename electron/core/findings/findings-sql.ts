// SQL for findings, tags, notes and finding rows in case.sqlite (schema: case/migrations.ts step 2).

export const INSERT_FINDING = `INSERT INTO findings (title, severity, description, attack_technique, created_at, updated_at)
  VALUES (@title, @severity, @description, @attack, @now, @now)`;
export const UPDATE_FINDING = `UPDATE findings SET title = @title, severity = @severity, description = @description,
  attack_technique = @attack, updated_at = @now WHERE id = @id`;
export const MARK_FINDING_DELETED = 'UPDATE findings SET deleted = 1, deleted_at = @now, updated_at = @now WHERE id = @id AND deleted = 0';
export const TOUCH_FINDING = 'UPDATE findings SET updated_at = @now WHERE id = @id';
export const FINDING_BY_ID = 'SELECT * FROM findings WHERE id = ?';

/** Findings with their row counts; the filters are optional (NULL matches all). */
export const LIST_FINDINGS = `
  SELECT f.*,
         (SELECT count(*) FROM finding_rows r WHERE r.finding_id = f.id) AS row_count,
         (SELECT count(*) FROM finding_rows r WHERE r.finding_id = f.id AND r.evidence_id IS NULL) AS rows_unproven
  FROM findings f
  WHERE (@includeDeleted = 1 OR f.deleted = 0)
    AND (@severity IS NULL OR f.severity = @severity)
    AND (@tag IS NULL OR EXISTS (SELECT 1 FROM finding_tags ft JOIN tags t ON t.id = ft.tag_id
                                 WHERE ft.finding_id = f.id AND t.name = @tag COLLATE NOCASE))
  ORDER BY f.id`;

export const INSERT_QUERY = 'INSERT INTO finding_queries (finding_id, sql, params, at) VALUES (@findingId, @sql, @params, @now)';
export const QUERIES_OF_FINDING = 'SELECT * FROM finding_queries WHERE finding_id = ? ORDER BY id';
export const INSERT_ROW = `INSERT INTO finding_rows (finding_id, query_id, evidence_id, ordinal, evidence_sha256, snapshot, snapshot_sha256, event_time, added_at)
  VALUES (@findingId, @queryId, @evidenceId, @ordinal, @evidenceSha256, @snapshot, @snapshotSha256, @eventTime, @now)`;
export const ROWS_OF_FINDING = `SELECT r.*, e.rel_path, e.format FROM finding_rows r LEFT JOIN evidence e ON e.id = r.evidence_id
  WHERE r.finding_id = ? ORDER BY r.id`;

/** Rows of live findings in event-time order, undated last; optionally only findings with a tag. */
export const TIMELINE_ROWS = `
  SELECT r.*, f.title AS finding_title, e.format, e.rel_path FROM finding_rows r
  JOIN findings f ON f.id = r.finding_id AND f.deleted = 0
  LEFT JOIN evidence e ON e.id = r.evidence_id
  WHERE (@tag IS NULL OR EXISTS (SELECT 1 FROM finding_tags ft JOIN tags t ON t.id = ft.tag_id
                                 WHERE ft.finding_id = f.id AND t.name = @tag COLLATE NOCASE))
  ORDER BY r.event_time IS NULL, r.event_time, r.finding_id, r.id
  LIMIT @limit`;

export const ALL_TAGS = 'SELECT id, name, colour FROM tags ORDER BY name COLLATE NOCASE';
export const TAG_BY_NAME = 'SELECT id, name, colour FROM tags WHERE name = ? COLLATE NOCASE';
export const INSERT_TAG = 'INSERT INTO tags (name, colour) VALUES (?, ?)';
export const SET_TAG_COLOUR = 'UPDATE tags SET colour = ? WHERE id = ?';
export const TAGS_OF_FINDING = `SELECT t.id, t.name, t.colour FROM finding_tags ft JOIN tags t ON t.id = ft.tag_id
  WHERE ft.finding_id = ? ORDER BY t.name COLLATE NOCASE`;
export const CLEAR_FINDING_TAGS = 'DELETE FROM finding_tags WHERE finding_id = ?';
export const LINK_TAG = 'INSERT OR IGNORE INTO finding_tags (finding_id, tag_id) VALUES (?, ?)';

export const INSERT_NOTE = 'INSERT INTO notes (finding_id, body, created_at, updated_at) VALUES (@findingId, @body, @now, @now)';
export const UPDATE_NOTE = 'UPDATE notes SET body = @body, updated_at = @now WHERE id = @id AND deleted = 0';
export const MARK_NOTE_DELETED = 'UPDATE notes SET deleted = 1, updated_at = @now WHERE id = @id AND deleted = 0';
export const NOTE_BY_ID = 'SELECT * FROM notes WHERE id = ? AND deleted = 0';
/** @findingId NULL: every live note (case and findings); otherwise that finding's. */
export const LIST_NOTES = `SELECT n.* FROM notes n LEFT JOIN findings f ON f.id = n.finding_id
  WHERE n.deleted = 0 AND (n.finding_id IS NULL OR f.deleted = 0) AND (@findingId IS NULL OR n.finding_id = @findingId)
  ORDER BY n.id`;
export const CASE_NOTES = 'SELECT * FROM notes WHERE deleted = 0 AND finding_id IS NULL ORDER BY id';
