/**
 * What the account features need beside the services: a clock (tests move it instead of
 * sleeping), the outbox folder for emails, keys derived from the secrets, and a tracker for work
 * done after the response (so reset requests answer in the same time whether or not the account
 * exists). One per Services object.
 */
import path from 'node:path';
import type { Services } from '../../services.ts';
import { deriveKey } from './crypto.ts';

export type Clock = () => Date;

export interface AccountContext {
  now: Clock;
  /** Where emails are written as .eml files until SMTP arrives. */
  outboxDir: string;
  keys: {
    /** CSRF tokens (HMAC of the CSRF cookie and the session). */
    csrf: Buffer;
    /** Device cookies (a browser that signed in to an account before). */
    device: Buffer;
  };
  /** Keeps the master key's derivation input; throttle keys rotate daily (throttle.ts). */
  masterKey: string;
  /** Work started after a response; tests await `settled()`. */
  background: Set<Promise<unknown>>;
}

const contexts = new WeakMap<Services, AccountContext>();

export function accountContext(services: Services): AccountContext {
  let context = contexts.get(services);
  if (!context) {
    const { sessionSecret, masterKey } = services.config.secrets;
    context = {
      now: () => new Date(),
      outboxDir: path.join(services.config.dataDir, 'outbox'),
      keys: {
        csrf: deriveKey(sessionSecret, 'csrf v1'),
        device: deriveKey(sessionSecret, 'device v1'),
      },
      masterKey,
      background: new Set(),
    };
    contexts.set(services, context);
  }
  return context;
}

/** Tests: replace the clock or the outbox of one app. */
export function configureAccounts(
  services: Services,
  overrides: Partial<Pick<AccountContext, 'now' | 'outboxDir'>>,
): AccountContext {
  return Object.assign(accountContext(services), overrides);
}

/** Runs work after the response; failures are logged, never shown to the requester. */
export function runInBackground(services: Services, label: string, work: () => Promise<unknown>) {
  const { background } = accountContext(services);
  const task = work()
    .catch((error: unknown) =>
      services.logger.error({ err: error, task: label }, 'background task failed'),
    )
    .finally(() => background.delete(task));
  background.add(task);
}

/** Resolves when every background task started so far has finished. */
export async function settled(services: Services): Promise<void> {
  const { background } = accountContext(services);
  while (background.size) await Promise.all([...background]);
}
