import { RpcError } from '../../shared/api';
import type { ErrorCode, ErrorInfo } from '../../shared/errors';

export class CairnError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly position?: number) {
    super(message);
    this.name = 'CairnError';
  }
  toInfo(): ErrorInfo {
    return this.position === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, position: this.position };
  }
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof CairnError) return e.toInfo();
  if (e instanceof RpcError) return e.info; // an error that crossed the contract (the CLI's in-process client)
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}
