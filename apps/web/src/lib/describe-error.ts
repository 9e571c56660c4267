// Turning any thrown value into a sentence for the user.
import type { Translate } from '../i18n/lang.ts';
import { ApiError } from './api.ts';

/** The server's own (already localised) message when there is one, else a generic sentence. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.isNetwork) return t('error.network');
    if (error.message) return error.message;
  }
  return t('error.unknown');
}
