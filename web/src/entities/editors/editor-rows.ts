import type { SubErrors } from './field-editor.js';

/** A row of a list editor; `key` identifies it across reorders (React key and focus target). */
export interface EditorRow {
  key: number;
}

let lastKey = 0;

export function nextRowKey(): number {
  lastKey += 1;
  return lastKey;
}

/** The rows with the one at `from` moved to `to` (both in range). */
export function moveRow<R>(rows: readonly R[], from: number, to: number): R[] {
  const out = [...rows];
  const [row] = out.splice(from, 1);
  out.splice(to, 0, row);
  return out;
}

/** Splits a list field's messages for row `index`: the row's own message and one per cell (`2.batch_id` → `batch_id`). */
export function rowErrorsOf(errors: SubErrors, index: number): { row?: string; cells: Record<string, string> } {
  const cells: Record<string, string> = {};
  let row: string | undefined;
  const prefix = `${index}.`;
  for (const [path, message] of Object.entries(errors)) {
    if (path === String(index)) row = message;
    else if (path.startsWith(prefix)) {
      const cell = path.slice(prefix.length).split('.')[0];
      cells[cell] = cells[cell] ? `${cells[cell]}; ${message}` : message;
    }
  }
  return { row, cells };
}

/** Messages about the list as a whole, and any about rows that no longer exist. */
export function listErrorOf(errors: SubErrors, rowCount: number): string | undefined {
  const messages = Object.entries(errors)
    .filter(([path]) => {
      const index = Number(path.split('.')[0]);
      return path === '' || !Number.isInteger(index) || index >= rowCount;
    })
    .map(([, message]) => message);
  return messages.length > 0 ? messages.join('; ') : undefined;
}

/** A number typed in a form: undefined when blank, NaN when not a number. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}
