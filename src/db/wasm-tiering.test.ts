import { describe, expect, it, vi } from 'vitest';

// The flag calls are recorded instead of changing this process's V8 (which other test files
// share); what is asserted is when the budget is raised and when V8's default comes back.
const flags: string[] = [];
vi.mock('node:v8', () => ({ setFlagsFromString: (flag: string) => flags.push(flag) }));
const { withLazyWasmTierUp } = await import('./wasm-tiering.ts');

const RAISED = '--wasm-tiering-budget=600000000';
const DEFAULT = '--wasm-tiering-budget=1800000';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('withLazyWasmTierUp', () => {
  it('raises the budget only while the engine opens, then restores V8 default', async () => {
    flags.length = 0;
    const open = deferred<string>();
    const result = withLazyWasmTierUp(() => open.promise);
    expect(flags).toEqual([RAISED]);
    open.resolve('engine');
    await expect(result).resolves.toBe('engine');
    expect(flags).toEqual([RAISED, DEFAULT]);
  });

  it('restores the default when the open fails', async () => {
    flags.length = 0;
    await expect(
      withLazyWasmTierUp(() => Promise.reject(new Error('bad data folder'))),
    ).rejects.toThrow('bad data folder');
    expect(flags).toEqual([RAISED, DEFAULT]);
  });

  it('keeps the raised budget until the last of overlapping opens ends', async () => {
    flags.length = 0;
    const first = deferred<number>();
    const second = deferred<number>();
    const a = withLazyWasmTierUp(() => first.promise);
    const b = withLazyWasmTierUp(() => second.promise);
    first.resolve(1);
    await a;
    expect(flags).toEqual([RAISED]);
    second.resolve(2);
    await b;
    expect(flags).toEqual([RAISED, DEFAULT]);
  });
});
