import type { ImportFileResult } from '../../../shared/types';
import type { CaseStore } from '../case/case-store';
import type { ImportProgressReporter } from './progress-reporter';

/** What the steps of one import run share: its record in the case, its files and its progress. */
export interface RunState {
  store: CaseStore;
  runId: number;
  /** Every listed file's result, by path, in listed order: the run's account when it ends. */
  results: Map<string, ImportFileResult>;
  /** Evidence ids this run has taken, to their paths: a second file with one of these hashes is a duplicate. */
  pathOf: Map<number, string>;
  /** Evidence bytes of the files waiting for a batch, by evidence id; a run of many files holds only these. */
  evidenceBytes: Map<number, number>;
  reporter: ImportProgressReporter;
  /** The format the analyst chose for this run's files (`cairn import --as`), if any. */
  chosenFormat?: string;
  /** What staging did to a file's content (intake/stage.ts StagedEvidence.notes), by evidence id: part of its outcome's reason. */
  notes: Map<number, string>;
}
