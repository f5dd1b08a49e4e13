import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../cycler-parser.js';
import { novonixParser } from './novonix.parser.js';

const NAME = 'sample_data_novonix.csv';
const fixture = readFileSync(`../shared/fixtures/novonix/${NAME}`, 'utf8');
const parse = (text: string) => novonixParser.parse({ fileName: NAME, bytes: new TextEncoder().encode(text) });

/** The fixture with `count` protocol lines (HPC-style bracketed text) inserted before '[End Protocol]'. */
function withLongProtocol(count: number, line = (k: number) => `  [Step ${k}] CC charge 1.000 A until 4.200 V or 2:00:00`): string {
  const lines = Array.from({ length: count }, (_, k) => line(k + 1));
  return fixture.replace('[End Protocol]', `${lines.join('\r\n')}\r\n[End Protocol]`);
}

describe('Novonix protocol preamble', () => {
  it('finds the header below 1 500 protocol lines, with the same values', async () => {
    const text = withLongProtocol(1500);
    expect(text.split('\n').findIndex((l) => l.startsWith('Date and Time'))).toBeGreaterThan(1500);
    const want = await parse(fixture);
    const got = await parse(text);
    expect(got.rows).toBe(207);
    expect(got.columns.map((c) => c.name)).toEqual(want.columns.map((c) => c.name));
    got.columns.forEach((c, k) => expect([...c.values]).toEqual([...want.columns[k].values]));
  });

  it('without a header, names the lines searched instead of blaming line 1', async () => {
    const text = withLongProtocol(1500).replace('Potential (V)', 'Potential');
    const err = await parse(text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).line).toBeUndefined();
    expect((err as ParseError).message).toMatch(/no data header .*'Potential \(V\)'.* in lines 1–1728 \(whole file\)/);
  });

  it('stops at 1 MiB of preamble and says so', async () => {
    const text = withLongProtocol(20000);
    const err = await parse(text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).message).toMatch(/in lines 1–\d{5} \(the first 1 MiB\)/);
  });
});
