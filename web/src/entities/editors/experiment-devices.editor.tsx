import { Field } from '../../ui/field.js';
import { humanise } from '../entity-config.js';
import { ChoiceSelect } from './choice-select.js';
import { nextRowKey, parseNumber, type EditorRow } from './editor-rows.js';
import { defineFieldEditor, type FieldEditorProps } from './field-editor.js';
import { RowList } from './row-list.js';
import { TextCell } from './text-cell.js';

/** A device under test: by batch + sequence (created when missing) or an existing device; plus its position. */
interface DeviceRow extends EditorRow {
  by: 'sequence' | 'device';
  batch_id: string;
  sequence: string;
  device_id: string;
  position: string;
}

const blankRow = (): DeviceRow => ({ key: nextRowKey(), by: 'sequence', batch_id: '', sequence: '', device_id: '', position: '' });

function fromRecord(value: unknown): DeviceRow[] {
  if (!Array.isArray(value)) return [];
  return (value as { batch_id?: number; sequence?: number; position?: string | null }[]).map((d) => ({
    ...blankRow(),
    batch_id: d.batch_id === undefined ? '' : String(d.batch_id),
    sequence: d.sequence === undefined ? '' : String(d.sequence),
    position: d.position ?? '',
  }));
}

// Blank choices are left out so the API names what is missing, on the row.
function toBody(rows: DeviceRow[]) {
  const value = rows.map((r) => {
    const position = r.position.trim() === '' ? null : r.position.trim();
    return r.by === 'device'
      ? { device_id: parseNumber(r.device_id), position }
      : { batch_id: parseNumber(r.batch_id), sequence: parseNumber(r.sequence), position };
  });
  const errors: Record<string, string> = {};
  rows.forEach((r, i) => {
    if (r.by === 'sequence' && Number.isNaN(parseNumber(r.sequence))) errors[`${i}.sequence`] = 'expected a whole number';
  });
  return { value, errors };
}

function ExperimentDevices({ field, value: rows, errors, onChange }: FieldEditorProps<DeviceRow[]>) {
  return (
    <RowList
      legend={`${humanise(field.name)} under test`}
      itemLabel="Device"
      rows={rows}
      errors={errors}
      newRow={blankRow}
      onChange={onChange}
      renderRow={(row, update, cells) => (
        <>
          <Field label="Pick by">
            {(p) => (
              <select {...p} value={row.by} onChange={(e) => update({ by: e.target.value as DeviceRow['by'] })}>
                <option value="sequence">Batch and sequence</option>
                <option value="device">Existing device</option>
              </select>
            )}
          </Field>
          <ChoiceSelect label="Batch" plural="batches" value={row.batch_id} error={cells.batch_id} onChange={(batch_id) => update({ batch_id, device_id: '' })} />
          {row.by === 'sequence' ? (
            <TextCell label="Sequence" type="number" step={1} min={1} value={row.sequence} error={cells.sequence} hint="Created if the batch has no such device" onChange={(sequence) => update({ sequence })} />
          ) : (
            <ChoiceSelect label="Device" plural="devices" filters={{ batch_id: row.batch_id }} value={row.device_id} error={cells.device_id} onChange={(device_id) => update({ device_id })} />
          )}
          <TextCell label="Position" value={row.position} error={cells.position} onChange={(position) => update({ position })} />
        </>
      )}
    />
  );
}

/** Devices under test of an experiment. */
export const experimentDevicesEditor = defineFieldEditor({ fromRecord, toBody, Component: ExperimentDevices });
