import { useEffect, useId, useRef, type ReactNode } from 'react';
import { listErrorOf, moveRow, rowErrorsOf, type EditorRow } from './editor-rows.js';
import type { SubErrors } from './field-editor.js';

interface Props<R extends EditorRow> {
  legend: string;
  /** What one row is, e.g. "Device": row legends ("Device 2") and button names. */
  itemLabel: string;
  rows: R[];
  errors: SubErrors;
  newRow(): R;
  onChange(rows: R[]): void;
  /** The row's controls; `cells` holds the messages of its fields by name. */
  renderRow(row: R, update: (patch: Partial<R>) => void, cells: Record<string, string>, index: number): ReactNode;
  /** More content under the rows, given a way to add a prefilled row and focus one of its controls. */
  extra?(addRow: (row: R, focusSelector?: string) => void): ReactNode;
}

const FIRST_CONTROL = 'select, input, textarea';

/**
 * An ordered list of rows, each a labelled group with move up / move down / remove buttons and its
 * own message; keeps the keyboard focus on the row being added, moved or removed.
 */
export function RowList<R extends EditorRow>({ legend, itemLabel, rows, errors, newRow, onChange, renderRow, extra }: Props<R>) {
  const container = useRef<HTMLFieldSetElement>(null);
  const focusNext = useRef<string | undefined>(undefined);
  const errorId = useId();
  const listError = listErrorOf(errors, rows.length);
  const item = itemLabel.toLowerCase();

  useEffect(() => {
    if (!focusNext.current) return;
    const target = container.current?.querySelector<HTMLElement>(focusNext.current);
    focusNext.current = undefined;
    target?.focus();
  });

  const change = (next: R[], focus: string) => {
    focusNext.current = focus;
    onChange(next);
  };
  const addRow = (row: R, focusSelector = FIRST_CONTROL) => change([...rows, row], `[data-row-key="${row.key}"] :is(${focusSelector})`);
  const move = (index: number, to: number) => {
    const direction = to < index ? 'up' : 'down';
    const stillPossible = direction === 'up' ? to > 0 : to < rows.length - 1;
    change(moveRow(rows, index, to), `[data-row-key="${rows[index].key}"] [data-move="${stillPossible ? direction : direction === 'up' ? 'down' : 'up'}"]`);
  };
  const remove = (index: number) => {
    const neighbour = rows[index + 1] ?? rows[index - 1];
    change(rows.filter((_, i) => i !== index), neighbour ? `[data-row-key="${neighbour.key}"] :is(${FIRST_CONTROL})` : '[data-add-row]');
  };

  return (
    <fieldset className={listError ? 'row-editor field-invalid' : 'row-editor'} ref={container} aria-describedby={listError ? errorId : undefined}>
      <legend>{legend}</legend>
      {listError ? (
        <small id={errorId} className="field-error" role="alert">
          {listError}
        </small>
      ) : null}
      {rows.length > 0 ? (
        <ol className="editor-rows">
          {rows.map((row, index) => {
            const { row: rowError, cells } = rowErrorsOf(errors, index);
            const name = `${itemLabel} ${index + 1}`;
            const update = (patch: Partial<R>) => onChange(rows.map((r) => (r.key === row.key ? { ...r, ...patch } : r)));
            return (
              <li key={row.key}>
                <fieldset className={rowError ? 'editor-row field-invalid' : 'editor-row'} data-row-key={row.key} aria-describedby={rowError ? `${errorId}-${row.key}` : undefined}>
                  <legend>{name}</legend>
                  {renderRow(row, update, cells, index)}
                  <div className="row-buttons">
                    <button type="button" className="small" data-move="up" aria-label={`Move ${item} ${index + 1} up`} disabled={index === 0} onClick={() => move(index, index - 1)}>
                      ↑
                    </button>
                    <button type="button" className="small" data-move="down" aria-label={`Move ${item} ${index + 1} down`} disabled={index === rows.length - 1} onClick={() => move(index, index + 1)}>
                      ↓
                    </button>
                    <button type="button" className="small" aria-label={`Remove ${item} ${index + 1}`} onClick={() => remove(index)}>
                      Remove
                    </button>
                  </div>
                  {rowError ? (
                    <small id={`${errorId}-${row.key}`} className="field-error row-error" role="alert">
                      {rowError}
                    </small>
                  ) : null}
                </fieldset>
              </li>
            );
          })}
        </ol>
      ) : null}
      {extra?.(addRow)}
      <button type="button" className="small" data-add-row onClick={() => addRow(newRow())}>
        + Add {item}
      </button>
    </fieldset>
  );
}
