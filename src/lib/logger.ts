/**
 * Structured logs (pino). We log what happened, never who: no IP addresses, no query strings,
 * no user agents, no request bodies.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'igualdad' },
    redact: { paths: ['*.email', '*.password', '*.token'], remove: true },
  });
}
