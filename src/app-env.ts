import type { Locale } from './config.ts';

/** Per-request values set by middleware. */
export interface AppEnv {
  Variables: { locale: Locale };
}
