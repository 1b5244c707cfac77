import { describe, expect, it } from 'vitest';
import type { Tx } from './client.ts';
import { createDataVersionReader, dataVersionReader } from './data-version.ts';

/** A database that only answers the version query, counting reads; and a clock moved by hand. */
function fakes() {
  const state = { version: 1, reads: 0, failing: false, now: 0 };
  const db = {
    execute: async () => {
      state.reads++;
      if (state.failing) throw new Error('database unavailable');
      return { rows: [{ v: String(state.version) }] };
    },
  } as unknown as Tx;
  return { state, db, clock: () => state.now };
}

/** Lets a background read finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('dataVersionReader', () => {
  it('waits for the first read, then answers from memory for the first half of the TTL', async () => {
    const { state, db, clock } = fakes();
    const current = createDataVersionReader(db, 1000, clock);
    const first = current();
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBe(1);
    state.version = 2;
    state.now = 499;
    expect(current()).toBe(1);
    expect(state.reads).toBe(1);
  });

  it('in the second half of the TTL, answers at once and re-reads behind, once for all callers', async () => {
    const { state, db, clock } = fakes();
    const current = createDataVersionReader(db, 1000, clock);
    await current();
    state.version = 2;
    state.now = 600;
    expect([current(), current(), current()]).toEqual([1, 1, 1]);
    expect(state.reads).toBe(2);
    await settle();
    // The change shows before the TTL has passed, and the next TTL counts from that read.
    expect(current()).toBe(2);
    state.now = 1599;
    expect(current()).toBe(2);
    expect(state.reads).toBe(3);
  });

  it('never answers a version older than the TTL: after a quiet spell the call waits', async () => {
    const { state, db, clock } = fakes();
    const current = createDataVersionReader(db, 1000, clock);
    await current();
    state.version = 5;
    state.now = 1000;
    const late = current();
    expect(late).toBeInstanceOf(Promise);
    expect(await late).toBe(5);
    expect(state.reads).toBe(2);
  });

  it('reads on every call when the TTL is 0', async () => {
    const { state, db, clock } = fakes();
    const current = createDataVersionReader(db, 0, clock);
    expect(await current()).toBe(1);
    state.version = 2;
    expect(await current()).toBe(2);
    expect(state.reads).toBe(2);
  });

  it('keeps a failed background read to itself; the call that has to wait sees the error', async () => {
    const { state, db, clock } = fakes();
    const current = createDataVersionReader(db, 1000, clock);
    await current();
    state.failing = true;
    state.now = 700;
    expect(current()).toBe(1);
    await settle();
    expect(state.reads).toBe(2);
    state.now = 1000;
    await expect(current()).rejects.toThrow('database unavailable');
    state.failing = false;
    state.version = 3;
    expect(await current()).toBe(3);
  });

  it('is shared by every caller of one database and TTL', () => {
    const { db } = fakes();
    const other = fakes().db;
    expect(dataVersionReader(db, 1000)).toBe(dataVersionReader(db, 1000));
    expect(dataVersionReader(db, 1000)).not.toBe(dataVersionReader(db, 0));
    expect(dataVersionReader(db, 1000)).not.toBe(dataVersionReader(other, 1000));
  });
});
