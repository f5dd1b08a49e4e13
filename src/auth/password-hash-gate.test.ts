import { describe, expect, it } from 'vitest';
import { createPasswordHashGate } from './password-hash-gate.js';

/** A piece of work that finishes when the test says so. */
function pending() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

describe('password hash gate', () => {
  it('runs at most `concurrency` at once, queues `maxQueued` in order and refuses the rest', async () => {
    const gate = createPasswordHashGate({ concurrency: 2, maxQueued: 1 });
    const started: number[] = [];
    const works = [pending(), pending(), pending()];
    const runs = works.map((w, i) => gate.run(async () => (started.push(i), await w.done, i)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    await expect(gate.run(async () => 'too many')).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterS: 1 } });

    works[1].finish();
    expect(await runs[1]).toBe(1);
    expect(started).toEqual([0, 1, 2]);
    works[0].finish();
    works[2].finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    // Every slot is free again.
    expect(await Promise.all([gate.run(async () => 'a'), gate.run(async () => 'b'), gate.run(async () => 'c')])).toEqual(['a', 'b', 'c']);
  });

  it('frees the slot when the work throws', async () => {
    const gate = createPasswordHashGate({ concurrency: 1, maxQueued: 0 });
    await expect(gate.run(async () => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    expect(await gate.run(async () => 'ok')).toBe('ok');
  });
});
