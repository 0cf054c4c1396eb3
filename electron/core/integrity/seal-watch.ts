import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { SealCheck, SealStatus } from '../../../shared/types';

/**
 * What a cached seal check stands on (decision 0005): the evidence database file and its WAL as the kernel
 * describes them (device, inode, size, modification and change time in nanoseconds) and a digest of the seals
 * and file statuses the check compared against. Any write to the file moves its change time, which a user
 * cannot set back without the system clock; replacing the file changes its inode.
 */
export function sealFingerprint(evidencePath: string, ledger: () => unknown): string {
  const stat = (p: string): string => {
    try {
      const s = statSync(p, { bigint: true });
      return [s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join(':');
    } catch {
      return 'none';
    }
  };
  const digest = createHash('sha256').update(JSON.stringify(ledger())).digest('hex');
  return `${stat(evidencePath)}|${stat(`${evidencePath}.wal`)}|${digest}`;
}

interface Done { key: string; check: SealCheck | null; error: string | null; at: string }

/**
 * The workbench's seal status without a full recompute on every call (decision 0005): the last full check is
 * kept with the fingerprint it was made under and is shown while the fingerprint still matches; otherwise a full
 * check starts in the background and the status says "verifying". A check during which the fingerprint moved
 * (an import committed, a checkpoint ran) is not kept. `cairn verify`, `info` and reports never use this.
 */
export class SealWatch {
  private done: Done | null = null;
  private running: { key: string; promise: Promise<void> } | null = null;
  private closed = false;

  constructor(
    private readonly fingerprint: () => string,
    /** A full recompute on a connection of its own, in one snapshot; interrupted by stop(). */
    private readonly fullCheck: () => { result: Promise<SealCheck>; interrupt: () => void },
  ) {}

  private interrupt: (() => void) | null = null;

  /**
   * Cheap: a stat, a digest of the ledger, and starting a background check when nothing valid is cached.
   * canStart false (an import is writing): no check starts, and a running one stops, since its result would not be kept.
   */
  status(canStart = true): SealStatus {
    const key = this.fingerprint();
    const d = this.done;
    if (d && d.key === key) {
      return { state: d.error ? 'error' : d.check!.ok ? 'verified' : 'failed', check: d.check, error: d.error, checkedAt: d.at, current: true };
    }
    if (canStart) this.start(key);
    else this.interrupt?.();
    return { state: 'verifying', check: d?.check ?? null, error: d?.error ?? null, checkedAt: d?.at ?? null, current: false };
  }

  /** A full check made elsewhere (cairn verify, a report) is kept when the fingerprint held while it ran. */
  record(keyBefore: string, check: SealCheck): void {
    if (!this.closed && this.fingerprint() === keyBefore) this.done = { key: keyBefore, check, error: null, at: new Date().toISOString() };
  }

  /** Resolves when the background check (if any) has finished; for tests and the close. */
  async settled(): Promise<void> {
    while (this.running) await this.running.promise;
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.interrupt?.();
    await this.settled();
  }

  private start(key: string): void {
    if (this.closed || this.running?.key === key) return;
    if (this.running) { this.interrupt?.(); return; } // the state moved under it: its end starts the next one
    const { result, interrupt } = this.fullCheck();
    this.interrupt = interrupt;
    const promise = result.then(
      (check) => ({ check, error: null }),
      (e: unknown) => ({ check: null, error: e instanceof Error ? e.message : String(e) }),
    ).then(({ check, error }) => {
      this.running = null;
      this.interrupt = null;
      if (this.closed) return;
      // Kept only if nothing moved while it ran: otherwise its snapshot and the ledger may not match.
      if (this.fingerprint() === key) this.done = { key, check, error, at: new Date().toISOString() };
    });
    this.running = { key, promise };
  }
}
