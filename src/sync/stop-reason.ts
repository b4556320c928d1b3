import { GongQuotaExhaustedError } from '../errors.js';

/** Why a run stops early but resumably, in the report's terms. */
export interface StopReason {
  stopReason: 'budget' | 'retry-after' | 'signal';
  resumeAfter?: string;
  message: string;
}

/**
 * Whether an error ends a run early but resumably (the daily budget, a long Retry-After, the
 * caller's stop), and how to report it; undefined for a failure.
 */
export function stopReasonOf(error: unknown, signal: AbortSignal | undefined): StopReason | undefined {
  if (error instanceof GongQuotaExhaustedError) {
    return { stopReason: error.reason, resumeAfter: error.resumeAfter.toISOString(), message: error.message };
  }
  if (signal?.aborted && error === signal.reason) return { stopReason: 'signal', message: 'stopped on request' };
  return undefined;
}
