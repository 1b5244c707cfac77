/**
 * How eagerly V8 optimizes PGlite's WebAssembly while the engine opens. V8 first compiles every
 * function with a fast baseline compiler, then recompiles a function with its optimizing compiler
 * once that function has run for a while (its "tiering budget", roughly bytes of code executed).
 * Opening PGlite runs PostgreSQL's start-up, most of it code that runs once (zeroing 128 MB of
 * shared buffers, reading the catalogs), and at V8's default budget hundreds of those functions
 * are optimized in the background: about 0.5 s of CPU that competes with the start itself on a
 * 2-core machine. A budget 100 times larger while the engine opens, and V8's default again right
 * after, so the queries that follow are optimized as before. Decision record 011.
 *
 * V8 reads the budget when it creates the engine's instance and each time a function's budget runs
 * out, so changing the flag only changes when functions are optimized, never what they compute.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's own default (`node --v8-options`), in force outside an open. */
const DEFAULT_BUDGET = 1_800_000;
/** While PGlite opens. Kept for whole runs, it left searches 2–3 times slower (decision 011). */
const OPENING_BUDGET = 180_000_000;

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
