import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnsupportedFormatError, ValidationError } from '../domain/errors.js';
import type { CyclerParser } from './cycler-parser.js';
import { detectParser, extensionOf, NotDataFileError } from './detect.js';
import { parseFile } from './parse-file.js';
import { parsers } from './registry.js';

const fixture = (p: string) => new Uint8Array(readFileSync(`../shared/fixtures/${p}`));

function fake(name: string, confidence: number, extensions: string[] = ['.csv']): CyclerParser {
  return { name, vendor: 'x', label: name, version: '1', extensions, verified: true, detect: () => confidence, parse: () => Promise.reject(new Error('unused')) };
}

describe('detectParser', () => {
  it('takes the highest confidence, then the extension, then the name — whatever the registration order', () => {
    const a = fake('b-parser', 0.8, ['.txt']);
    const b = fake('a-parser', 0.8, ['.txt']);
    const c = fake('c-parser', 0.8, ['.csv']);
    const head = new Uint8Array(1);
    expect(detectParser([a, b, c], 'x.csv', head).parser.name).toBe('c-parser');
    expect(detectParser([c, a, b], 'x.dat', head).parser.name).toBe('a-parser');
    expect(detectParser([a, b, fake('d', 0.9)], 'x.dat', head).parser.name).toBe('d');
  });

  it("prefers the instrument's format when its parser claims the file, and only then", () => {
    const head = new Uint8Array(1);
    const strong = fake('strong', 0.95);
    expect(detectParser([strong, fake('house', 0.6)], 'x.csv', head, { preferredFormat: 'house' }).parser.name).toBe('house');
    expect(detectParser([strong, fake('house', 0.4)], 'x.csv', head, { preferredFormat: 'house' }).parser.name).toBe('strong');
    expect(detectParser([strong], 'x.csv', head, { preferredFormat: 'gone' }).parser.name).toBe('strong');
    // A real Maccor export stays Maccor on an instrument said to write BioLogic files.
    const maccor = fixture('maccor/maccor_001.txt').subarray(0, 65536);
    expect(detectParser(parsers, 'maccor_001.txt', maccor, { preferredFormat: 'biologic-mpt' }).parser.name).toBe('maccor-txt');
  });

  it('explains why nothing fits, and rejects an unknown forced format', () => {
    const err = (() => { try { detectParser(parsers, 'notes.csv', new TextEncoder().encode('hello world\n')); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(UnsupportedFormatError);
    expect((err as UnsupportedFormatError).details?.reasons).toContain('novonix-csv: extension matches but content does not');
    expect(() => detectParser(parsers, 'x.csv', new Uint8Array(0), { format: 'nope' })).toThrow(ValidationError);
  });

  it('recognises the BioLogic .mps settings file as a companion, not data', () => {
    expect(() => detectParser(parsers, 'sample_settings.mps', fixture('biologic/sample_settings.mps'))).toThrow(NotDataFileError);
    expect(() => detectParser(parsers, 'sample_settings.mps', fixture('biologic/sample_settings.mps'))).toThrow(/^sample_settings\.mps: not a data file — BioLogic settings \(protocol\) file for 'Modulo Bat'.*with this file as its companion$/);
  });

  it('unwraps .gz before detecting (Arbin mits7-0.res.gz)', async () => {
    const { result } = await parseFile({ fileName: 'mits7-0.res.gz', bytes: fixture('arbin/mits7-0.res.gz') });
    expect(result.format).toBe('arbin-res');
    expect(result.rows).toBe(8);
  });

  it('picks the right parser for a real file of each of our formats', () => {
    const cases: [string, string][] = [
      ['novonix/sample_data_novonix.csv', 'novonix-csv'],
      ['bdf/batmo_bdf.csv', 'bdf-csv'],
      ['batteryarchive/CALCE_CX2-33_prism_LCO_25C_0-100_0.5-0.5C_d_timeseries.csv', 'batteryarchive-csv'],
    ];
    for (const [path, name] of cases) expect(detectParser(parsers, path, fixture(path).subarray(0, 65536)).parser.name, path).toBe(name);
    expect(extensionOf('C:\\data\\x.RES.gz')).toBe('.gz');
  });
});
