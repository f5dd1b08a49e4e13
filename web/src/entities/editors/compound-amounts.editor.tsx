import { humanise } from '../entity-config.js';
import { ChoiceSelect } from './choice-select.js';
import { nextRowKey, parseNumber, type EditorRow } from './editor-rows.js';
import { defineFieldEditor, type FieldEditorProps, type SubErrors } from './field-editor.js';
import { RowList } from './row-list.js';
import { TextCell } from './text-cell.js';

interface CompoundRow extends EditorRow {
  compound_id: string;
  relative_amount: string;
}

const blankRow = (): CompoundRow => ({ key: nextRowKey(), compound_id: '', relative_amount: '' });

function fromRecord(value: unknown): CompoundRow[] {
  if (!Array.isArray(value)) return [];
  return (value as { compound_id: number; relative_amount: number }[]).map((c) => ({ ...blankRow(), compound_id: String(c.compound_id), relative_amount: String(c.relative_amount) }));
}

function toBody(rows: CompoundRow[]) {
  const errors: SubErrors = {};
  const value = rows.map((r, i) => {
    const amount = parseNumber(r.relative_amount);
    if (r.compound_id === '') errors[`${i}.compound_id`] = 'choose a compound';
    if (amount === undefined) errors[`${i}.relative_amount`] = 'enter an amount';
    else if (!Number.isFinite(amount)) errors[`${i}.relative_amount`] = 'expected a number';
    return { compound_id: Number(r.compound_id), relative_amount: amount };
  });
  return { value, errors };
}

/** "40 % of the total" while typing; the server computes the stored percentages. */
function shareHint(rows: CompoundRow[], row: CompoundRow): string | undefined {
  const amounts = rows.map((r) => parseNumber(r.relative_amount) ?? 0);
  const total = amounts.reduce((a, b) => a + b, 0);
  const own = parseNumber(row.relative_amount);
  if (own === undefined || !Number.isFinite(own) || !Number.isFinite(total) || total <= 0) return undefined;
  return `${((own / total) * 100).toFixed(1)} % of the total`;
}

function CompoundAmounts({ field, value: rows, errors, onChange }: FieldEditorProps<CompoundRow[]>) {
  return (
    <RowList
      legend={`${humanise(field.name)} (composition)`}
      itemLabel="Compound"
      rows={rows}
      errors={errors}
      newRow={blankRow}
      onChange={onChange}
      renderRow={(row, update, cells) => (
        <>
          <ChoiceSelect label="Compound" plural="compounds" value={row.compound_id} error={cells.compound_id} onChange={(compound_id) => update({ compound_id })} />
          <TextCell
            label="Relative amount"
            type="number"
            min={0}
            value={row.relative_amount}
            error={cells.relative_amount}
            hint={shareHint(rows, row) ?? 'Any consistent unit (mass, moles, parts)'}
            onChange={(relative_amount) => update({ relative_amount })}
          />
        </>
      )}
    />
  );
}

/** A component's composition: compounds with relative amounts, in order. */
export const compoundAmountsEditor = defineFieldEditor({ fromRecord, toBody, Component: CompoundAmounts });
