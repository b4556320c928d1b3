/** Which Airbyte `failure_type` an error is, by its kind (`src/error-kind.ts`). */
import { GongError } from '../errors.js';

export type FailureType = 'config_error' | 'transient_error' | 'system_error';

/**
 * Refused credentials and a bad config are the user's to fix (`config_error`); an outage, a
 * spent quota or an expired cursor pass (`transient_error`); anything else is ours.
 *
 * @example failureTypeOf(new GongAuthError('401', { status: 401, endpoint: 'GET /v2/users' })) // 'config_error'
 */
export function failureTypeOf(error: unknown): FailureType {
  if (!(error instanceof GongError)) return 'system_error';
  switch (error.kind) {
    case 'configuration':
    case 'credentials':
      return 'config_error';
    case 'transient':
    case 'quota':
    case 'cursor':
      return 'transient_error';
    default:
      return 'system_error';
  }
}
