// The staged form: the one place that knows a staged copy may hold the content rewritten for its reader
// (record lines, numbered lines) instead of byte for byte. Made on the staging thread (toStagedForm), kept
// only for the source that asked for it (keepFormFor), and undone here and nowhere else (restore).
//
// Loaded by the staging thread: Node's own modules only (see stage-worker.ts and electron-builder.yml).
import { promises as fsp } from 'node:fs';
import { fromNumberedLines, toNumberedLines, type LineNumberingRule, type NumberedLines } from './numbered-lines';
import { fromRecordLines, toRecordLines, type RecordArrayLayout, type RecordLinePieces, type RecordLines } from './record-lines';

/**
 * What a source asks staging to make of content it can read faster so: one array of JSON records split into
 * record lines (record-lines.ts), or plain line-oriented text numbered line by line (numbered-lines.ts).
 * Plain data: rules cross into the staging threads.
 */
export type FormRule = { recordLines: RecordArrayLayout } | { numberedLines: LineNumberingRule };

/**
 * How a staged copy differs from the content: at most one of these is set, and with neither the copy is the
 * content byte for byte. Carried by StagedEvidence (intake) and StagedFile (sources).
 */
export interface StagedForm {
  recordLines?: RecordLines;
  numberedLines?: NumberedLines;
}

/** A staged copy and its form. */
export interface StagedCopy extends StagedForm { stagedPath: string }

/**
 * The content in the first form a rule takes, or null (then it is staged as it is). Record-lines rules are
 * tried before numbered-lines rules: a JSON document is never line text.
 */
export function toStagedForm(content: Buffer, rules: readonly FormRule[]): { data: Buffer | RecordLinePieces; form: StagedForm } | null {
  for (const rule of rules) {
    if (!('recordLines' in rule)) continue;
    const split = toRecordLines(content, rule.recordLines);
    if (split) return { data: split, form: { recordLines: split.lines } };
  }
  for (const rule of rules) {
    if (!('numberedLines' in rule)) continue;
    const numbered = toNumberedLines(content, rule.numberedLines);
    if (numbered) return { data: numbered.data, form: { numberedLines: numbered.lines } };
  }
  return null;
}

/** Whether a copy's form is the one `rule` asked for (a copy as it was is every reader's). */
export function formIsFor(rule: FormRule | undefined, copy: StagedForm): boolean {
  if (copy.recordLines) return !!rule && 'recordLines' in rule && rule.recordLines.prefix === copy.recordLines.prefix;
  if (copy.numberedLines) return !!rule && 'numberedLines' in rule && rule.numberedLines.source === copy.numberedLines.source;
  return true;
}

/** Puts the copy back as the content it was, byte for byte, and forgets its form. A copy as it was is left alone. */
export async function restore(copy: StagedCopy): Promise<void> {
  const { recordLines, numberedLines } = copy;
  if (!recordLines && !numberedLines) return;
  const data = await fsp.readFile(copy.stagedPath);
  await fsp.writeFile(copy.stagedPath, recordLines ? fromRecordLines(data, recordLines) : fromNumberedLines(data, numberedLines!));
  copy.recordLines = undefined;
  copy.numberedLines = undefined;
}

/**
 * Keeps the copy's form only for the source whose rule made it; for any other the content goes back as it
 * was. Outside the manifest's SQLite transaction: file I/O has no place inside it.
 */
export async function keepFormFor(rule: FormRule | undefined, copy: StagedCopy): Promise<void> {
  if (!formIsFor(rule, copy)) await restore(copy);
}
