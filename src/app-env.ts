import type { Locale } from './config.ts';
import type { PageContext } from './web/i18n.ts';

/** Per-request values set by middleware. */
export interface AppEnv {
  Variables: { locale: Locale; page: PageContext; secureHeadersNonce?: string };
}
