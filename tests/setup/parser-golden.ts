import { readFileSync } from 'node:fs';
import type { ParsedColumn, ParseResult } from '../../src/parsers/cycler-parser.js';

/** Reads fixtures of one vendor folder under ../shared/fixtures (an absolute path is read as given). */
export function fixtureLoader(vendor: string): (name: string) => Uint8Array {
  const dir = `../shared/fixtures/${vendor}/`;
  return (name) => new Uint8Array(readFileSync(name.startsWith('/') ? name : dir + name));
}

/** The column named `name`; fails the test when the parser did not emit it. */
export function col(r: ParseResult, name: string): ParsedColumn {
  const c = r.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

export const first = (r: ParseResult, name: string): number => col(r, name).values[0];
export const last = (r: ParseResult, name: string): number => col(r, name).values[r.rows - 1];

/** Epoch seconds of a zone-less ISO wall-clock time, read as UTC (as the parsers do). */
export const utc = (iso: string): number => Date.parse(iso + 'Z') / 1000;
