import { createRng as mulberry32 } from '../../src/parsers/binary/corruption-fuzz.fixture.js';

/** A seeded PRNG (mulberry32), so a failing fuzz run replays from its seed. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (below: number) => Math.floor(next() * below);
  return { next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p };
}

/** Stands for a value nested 100,000 levels deep: spliced into the JSON text, since JSON.stringify would overflow on it. */
export const DEEP = '\u0001deep\u0001';
export const DEEP_JSON = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

/** Strings a client may send where a number, date, id, enum or name is expected. */
export const BAD_STRINGS: readonly string[] = [
  '', ' ', '\u0000', 'a\u0000b', '-1', '0', '1.5', '1e400', '99999999999999999999', '2147483648', 'NaN', 'Infinity', 'null', 'true',
  '[]', '{}', ',', '1,,2', '1,abc', '💥', '\ud800', '%', '-name', '--', '__proto__', 'constructor', "'; drop table users; --",
  '2024-02-30', '9999-99-99T99:99', 'x'.repeat(5_000), '%0400000000d', '%0100000d', 'a%s%n',
];

const nested = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

/** JSON values of the wrong type, size or shape for any field. */
export const BAD_VALUES: readonly unknown[] = [
  ...BAD_STRINGS, null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, 2 ** 31, [], {}, [null], [[1]], { '': 1 }, { '\u0000': 1 },
  JSON.parse('{"__proto__":{"x":1},"constructor":1}') as unknown, DEEP, nested(200), 'y'.repeat(200_000), Array.from({ length: 10_000 }, (_, i) => i), [{ batch_id: -1, sequence: 'x' }],
];

/** Whole request bodies that are not the object a route expects. */
export const BAD_BODIES: readonly string[] = ['', ' ', '{', '{"a":', 'null', '[]', '"text"', '1e999', '{"a":1,"a":2}', '\u0000', `{"name":"${DEEP}"}`, DEEP];

/** Values for an `{id}` path parameter (already URL-encoded). */
export const BAD_IDS: readonly string[] = ['0', '-1', '1.5', '1e3', 'abc', '99999999999999999999', '2147483648', '%00', '%FF', '%F0%9F%92%A5', 'x'.repeat(300), '%20', '%2F'];
