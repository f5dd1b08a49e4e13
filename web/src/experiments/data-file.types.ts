import type { ApiDataFile } from '../api/api-types.js';

/** A data file record as the generic entity API returns it (state, format, columns, flags). */
export type DataFile = ApiDataFile;

/** Queued or being parsed: its state will still change. */
export function isParsing(file: DataFile): boolean {
  return file.state === 'queued' || file.state === 'parsing';
}

export interface ColumnInfo {
  name: string;
  unit?: string;
  original?: string;
  originalUnit?: string;
}

/** The parsed column list, whatever exact key names the ingest layer uses. */
export function columnsOf(file: DataFile): ColumnInfo[] {
  const raw = file.columns;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw as object) : [];
  return list.map((c: unknown) => {
    if (typeof c === 'string') return { name: c };
    const o = (c ?? {}) as Record<string, unknown>;
    const pick = (...keys: string[]) => keys.map((k) => o[k]).find((v) => typeof v === 'string') as string | undefined;
    return {
      name: pick('name', 'canonical', 'canonicalName', 'canonical_name') ?? '?',
      unit: pick('unit', 'canonicalUnit', 'canonical_unit'),
      original: pick('originalName', 'original_name', 'original', 'originalHeader', 'original_header', 'header'),
      originalUnit: pick('originalUnit', 'original_unit'),
    };
  });
}

/** Quality flags as short human lines. */
export function qualityFlagsOf(file: DataFile): string[] {
  const raw = file.quality_flags;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.entries(raw as object).map(([k, v]) => ({ kind: k, ...(typeof v === 'object' ? v : { value: v }) })) : [];
  return list.map((f: unknown) => {
    if (typeof f === 'string') return f;
    const o = (f ?? {}) as Record<string, unknown>;
    const head = String(o.kind ?? o.code ?? o.type ?? o.flag ?? 'flag');
    const rest = o.message ?? o.detail ?? (o.count !== undefined ? `${String(o.count)}×` : undefined);
    const cycle = o.cycle !== undefined ? ` (cycle ${String(o.cycle)})` : '';
    return `${head.replace(/_/g, ' ')}${rest !== undefined ? `: ${String(rest)}` : ''}${cycle}`;
  });
}

export function errorOf(file: DataFile): string | undefined {
  const e = file.error;
  if (!e) return undefined;
  if (typeof e === 'string') return e;
  const o = e as Record<string, unknown>;
  const where = [o.format && `format ${String(o.format)}`, o.line !== undefined && `line ${String(o.line)}`, o.byte !== undefined && `byte ${String(o.byte)}`].filter(Boolean).join(', ');
  return `${String(o.message ?? JSON.stringify(o))}${where ? ` (${where})` : ''}`;
}
