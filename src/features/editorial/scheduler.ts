/**
 * Scheduled publishing: every app server runs this loop, which publishes the items whose time
 * has come (`publishDue`, with `for update skip locked`, so no item is published twice). Logs
 * counts and kinds only; an error is logged and the loop goes on.
 */
import type { Services } from '../../services.ts';
import { publishDue } from './service.ts';

export const SCHEDULER_INTERVAL_MS = 30_000;

export interface Scheduler {
  /** Runs one pass now (tests, and the first pass at start). */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

export function startScheduler(
  { db, logger }: Pick<Services, 'db' | 'logger'>,
  { intervalMs = SCHEDULER_INTERVAL_MS, now = () => new Date() } = {},
): Scheduler {
  let running: Promise<number> | undefined;
  let stopped = false;
  const runOnce = () => {
    // One pass at a time: a slow pass is not overlapped by the next tick.
    running ??= publishDue(db, now(), (error, item) =>
      logger.error(
        { kind: item.kind, err: { message: (error as Error).message } },
        'scheduled publication failed',
      ),
    )
      .then((published) => {
        if (published) logger.info({ published }, 'scheduled content published');
        return published;
      })
      .catch((error: unknown) => {
        logger.error({ err: { message: (error as Error).message } }, 'scheduler pass failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void runOnce();
  }, intervalMs);
  // The loop never keeps the process alive on its own.
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
