// Any thrown value becomes an ErrorInfo the UI can show; RpcError keeps the engine's code and position.
import { RpcError } from '../../shared/api';
import type { ErrorInfo } from '../../shared/errors';

export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof RpcError) return e.info;
  if (e instanceof Error) return { code: 'INTERNAL', message: e.message };
  return { code: 'INTERNAL', message: String(e) };
}
