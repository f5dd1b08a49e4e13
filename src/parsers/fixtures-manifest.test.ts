import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFile } from './parse-file.js';

// Every file ../shared/fixtures/MANIFEST.md lists must parse, through the same detect → parse →
// normalise path as an upload, into the row count the manifest gives, or be refused with a message
// that says why. And every data file must also have a golden test beside its parser.

const ROOT = '../shared/fixtures/';

interface Listed { path: string; rowsCell: string }

function readManifest(): Listed[] {
  return readFileSync(`${ROOT}MANIFEST.md`, 'utf8').split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      return { path: cells[1].replaceAll('`', ''), rowsCell: cells[7] };
    });
}

type Outcome = { rows: number; why?: string } | { refused: RegExp };

/** Outcomes the manifest's 'rows' column does not state as a plain number of data rows. */
const OUTCOMES: Record<string, Outcome> = {
  'arbin/FastCharge_000025_CH8_Metadata.csv': { refused: /not a data file — Arbin test metadata .*companion of its data CSV/ },
  'arbin/2017-05-09_test-TC-contact_CH33_Metadata.csv': { refused: /not a data file — Arbin test metadata .*companion of its data CSV/ },
  'biologic/sample_settings.mps': { refused: /not a data file — BioLogic settings \(protocol\) file.*companion/ },
  'arbin/bs542_004_gr_li_50ua_50mv_1v_191020_Channel_11.xlsx': { rows: 4526, why: 'Channel_11_1: 4 527 rows = header + 4 526' },
  'arbin/mock_data_001.xlsx': { rows: 29, why: 'arbin_sql: 30 rows = header + 29' },
  'neware/custom_data_003.xls': { rows: 2943, why: 'Detail_14_1_3: 2 944 rows = header + 2 943 records' },
  // The manifest's note says 29 rows per sheet, but each 30-row sheet is a metadata row, the header
  // row and 28 data rows: we assert what the files hold.
  'maccor/maccor_example.xls': { rows: 56, why: 'Data + Data 2: 28 data rows each (the manifest says 29)' },
  'maccor/maccor_example_new.xlsx': { rows: 56, why: 'same sheets as maccor_example.xls: 28 data rows each (the manifest says 29)' },
};
const ARROW_REFUSAL: Outcome = { refused: /\.ftr: an Arrow\/Feather table .*not a cycler's file — upload the cycler's own file/ };

function outcomeOf({ path, rowsCell }: Listed): Outcome {
  if (OUTCOMES[path]) return OUTCOMES[path];
  if (path.startsWith('neware/reference/') && path.endsWith('.ftr')) return ARROW_REFUSAL;
  const rows = Number(rowsCell.replaceAll(' ', ''));
  if (!Number.isInteger(rows)) throw new Error(`${path}: manifest rows '${rowsCell}' is not a number; add its outcome to OUTCOMES`);
  return { rows };
}

const listed = readManifest();

describe('fixtures manifest', () => {
  it('lists every fixture file, and only files that exist', () => {
    expect(listed.length).toBeGreaterThan(50);
    const onDisk = (readdirSync(ROOT, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
      .filter((e) => e.isFile())
      .map((e) => `${e.parentPath}/${e.name}`.slice(ROOT.length).replace(/^\/+/, ''))
      // NewareNDA's reference CSVs are described in the manifest's text (one per .nda/.ndax listed), not in its table.
      .filter((p) => p !== 'MANIFEST.md' && !/^neware\/reference\/.+\.csv$/.test(p));
    expect(onDisk.sort()).toEqual(listed.map((l) => l.path).sort());
    for (const p of readdirSync(`${ROOT}neware/reference`).filter((f) => f.endsWith('.csv'))) {
      const source = p.replace(/\.csv$/, '');
      expect(listed.some((l) => l.path === `neware/${source}.nda` || l.path === `neware/${source}.ndax`), p).toBe(true);
    }
    for (const key of Object.keys(OUTCOMES)) expect(listed.some((l) => l.path === key), `stale OUTCOMES entry ${key}`).toBe(true);
  });

  it.each(listed.map((l) => ({ ...l, outcome: outcomeOf(l) })))('$path', async ({ path, outcome }) => {
    const fileName = path.split('/').pop()!;
    const parsed = parseFile({ fileName, bytes: new Uint8Array(readFileSync(ROOT + path)) });
    if ('refused' in outcome) {
      await expect(parsed).rejects.toThrow(outcome.refused);
      return;
    }
    const { result } = await parsed;
    expect(result.rows).toBe(outcome.rows);
    // Detected as its own vendor's format (the folder names the vendor).
    expect(result.format.startsWith(path.split('/')[0])).toBe(true);
  });

  it('every data file has a golden test beside its parser', () => {
    const tests = (readdirSync('src/parsers', { recursive: true }) as string[])
      .filter((f) => /\.test\.ts$/.test(f) && !/fuzz|fixtures-manifest|detect|parse-file/.test(f))
      .map((f) => readFileSync(`src/parsers/${f}`, 'utf8'))
      .join('\n');
    const untested = listed.filter((l) => 'rows' in outcomeOf(l) && !tests.includes(l.path.split('/').pop()!)).map((l) => l.path);
    expect(untested).toEqual([]);
  });
});
