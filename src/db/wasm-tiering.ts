/**
 * How eagerly V8 optimizes PGlite's WebAssembly while the engine opens. V8 first compiles every
 * function with a fast baseline compiler, then recompiles a function with its optimizing compiler
 * once that function has run for a while (its "tiering budget", roughly bytes of code executed).
 * Opening PGlite runs PostgreSQL's start-up, most of it code that runs once (zeroing 64 MB of
 * shared buffers, reading the catalogs), and at V8's default budget hundreds of those functions
 * are optimized in the background: about 0.5 s of CPU that competes with the start itself on a
 * 2-core machine. A budget about 330 times larger while the engine opens, and V8's default again
 * right after. Decision record 011.
 *
 * V8 reads the budget when it creates the engine's instance and each time a function's budget runs
 * out, so changing the flag only changes when functions are optimized, never what they compute.
 * A function keeps what is left of its opening budget, so the queries that run most right after
 * a start are optimized a little later: 600 searches after a start had a p95 about 5 % higher than
 * with a budget 100 times the default, which cost the start 45 ms more.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's own default (`node --v8-options`), in force outside an open. */
const DEFAULT_BUDGET = 1_800_000;
/**
 * While PGlite opens. Tied to the size of the shared buffers (client.ts), which PostgreSQL zeroes
 * as it starts: with 64 MB, a start at 400 million cost as much as one at 180 million, and one at
 * 450 million or more about 45 ms less. Kept for whole runs, a budget 100 times the default left
 * searches 2–3 times slower (decision 011).
 */
const OPENING_BUDGET = 600_000_000;

let opening = 0;

/** Runs `open` with the larger budget; concurrent opens share it until the last one ends. */
export async function withLazyWasmTierUp<T>(open: () => Promise<T>): Promise<T> {
  if (opening++ === 0) setFlagsFromString(`--wasm-tiering-budget=${OPENING_BUDGET}`);
  try {
    return await open();
  } finally {
    if (--opening === 0) setFlagsFromString(`--wasm-tiering-budget=${DEFAULT_BUDGET}`);
  }
}
