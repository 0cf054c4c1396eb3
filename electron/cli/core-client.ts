import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '../../shared/api';
import { createCore } from '../core/api/create-core';
import { inProcessClient } from '../core/api/in-process';

const APP_ROOT = join(__dirname, '..', '..', '..');

/** Runs one command against a core of its own (host 'cli'), through the in-process transport; closes it after. */
export async function withCore<T>(opts: { importBatchBytes?: number }, fn: (core: Client) => Promise<T>): Promise<T> {
  const core = await createCore({
    host: 'cli',
    dataDir: process.env.CAIRN_DATA_DIR ?? join(homedir(), '.cairn'),
    resourcesDir: join(APP_ROOT, 'resources'),
    importBatchBytes: opts.importBatchBytes,
  });
  try { return await fn(inProcessClient(core)); } finally { await core.dispose(); }
}
