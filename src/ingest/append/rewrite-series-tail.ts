import { concatValues } from '../../parsers/common/concat-values.js';
import type { ParsedColumn } from '../../parsers/cycler-parser.js';
import { readParquetColumns } from '../../series/parquet-columns.js';
import type { BlobStore } from '../../storage/blob-store.js';
import { columnTypes, readParquetFooter, writeRowGroups, type ParquetFooter } from '../../storage/parquet-join.js';
import { duckdbConnection, int32Kind, SeriesMetadataKey, uniqueColumnNames, withLocalSeriesFile, writeSeriesParquet, type SeriesProvenance } from '../../storage/series-store.js';
import { withLocalTempFile } from '../../storage/temp-file.js';

/**
 * Stores the series of a file that grew under `newKey`: the stored series' row groups before the one
 * holding row `fromRow`, byte for byte, then that group's rows up to `fromRow` and `tail` (the rows
 * from `fromRow` on, named and ordered as stored) as new row groups. Work and bytes written grow with
 * the tail and one row group, not with the file. False when the tail does not fit the stored columns
 * (other names, or a fraction in a column stored as int32): the caller writes the series whole.
 */
export async function rewriteSeriesTail(store: BlobStore, oldKey: string, newKey: string, fromRow: number, tail: readonly ParsedColumn[], provenance: SeriesProvenance): Promise<boolean> {
  return withLocalSeriesFile(store, oldKey, async (oldPath) => {
    const footer = await readParquetFooter(oldPath);
    const names = footer.metadata.schema.filter((e) => e.type).map((e) => e.name);
    if (names.join('\u0000') !== uniqueColumnNames(tail).join('\u0000')) return false;
    const types = columnTypes(footer.metadata);
    const stored = names.map((n) => (types.get(n) === 'INT32' ? 'int32' : 'double') as 'int32' | 'double');
    const { group, groupStart } = groupHolding(footer, fromRow);
    const head = groupStart < fromRow ? await readGroupHead(oldPath, footer, group, fromRow - groupStart, names) : names.map(() => new Float64Array(0));
    const part = tail.map((c, k) => ({ ...c, values: concatValues([head[k], c.values]) }));
    if (part.some((c, k) => stored[k] === 'int32' && int32Kind(c.values) === 'double')) return false;
    const keyValues = Object.fromEntries((footer.metadata.key_value_metadata ?? []).map((kv) => [kv.key, kv.value ?? '']));
    keyValues[SeriesMetadataKey.sourceSha256] = provenance.sourceSha256;
    await withLocalTempFile('.parquet', (partPath) =>
      withLocalTempFile('.parquet', async (outPath) => {
        await writeSeriesParquet(part, provenance, partPath, stored);
        const partFooter = await readParquetFooter(partPath);
        await writeRowGroups([
          { path: oldPath, footer, from: 0, to: group },
          { path: partPath, footer: partFooter, from: 0, to: partFooter.metadata.row_groups.length },
        ], outPath, keyValues);
        await store.putFile(newKey, outPath);
      }),
    );
    return true;
  });
}

/** The row group holding `row` and its first row (past the last row: the group count and the row count). */
function groupHolding(footer: ParquetFooter, row: number): { group: number; groupStart: number } {
  let start = 0;
  const groups = footer.metadata.row_groups;
  for (let g = 0; g < groups.length; g++) {
    const rows = Number(groups[g].num_rows);
    if (row < start + rows) return { group: g, groupStart: start };
    start += rows;
  }
  return { group: groups.length, groupStart: start };
}

/** The first `rows` rows of one row group, read through a file holding that group alone. */
async function readGroupHead(path: string, footer: ParquetFooter, group: number, rows: number, names: readonly string[]): Promise<Float64Array[]> {
  return withLocalTempFile('.parquet', async (groupPath) => {
    await writeRowGroups([{ path, footer, from: group, to: group + 1 }], groupPath, {});
    const all = await readParquetColumns(await duckdbConnection(), groupPath, names, Number(footer.metadata.row_groups[group].num_rows));
    return all.map((v) => v.slice(0, rows));
  });
}
