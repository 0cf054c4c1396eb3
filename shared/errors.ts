// Stable error codes that cross every boundary (CLI exit messages, IPC, loopback HTTP).
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'NOT_FOUND'
  | 'CASE_LOCKED'
  | 'CASE_EXISTS'
  | 'NOT_A_CASE'
  | 'IO'
  | 'CANCELLED'
  | 'TIMEOUT'
  | 'OUT_OF_MEMORY'
  | 'BUSY'
  | 'SCRATCH_FULL'
  | 'SQL_SYNTAX'
  | 'SQL_UNKNOWN_NAME'
  | 'SQL_UNSUPPORTED'
  | 'SQL_DENIED'
  | 'SQL_ERROR'
  | 'INTERNAL';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** 1-based character position in the statement, when the engine reports one. */
  position?: number;
}
