import { ChoiceSelect } from './choice-select.js';
import type { InheritedValue } from './inherited-values.js';
import type { ValueRow } from './parameter-value-row.js';
import { TextCell } from './text-cell.js';
import { useParameterDetails } from './use-parameter-details.js';

interface Props {
  row: ValueRow;
  cells: Record<string, string>;
  /** The parent's value this row overrides, shown as the placeholder. */
  inherited?: InheritedValue;
  update(patch: Partial<ValueRow>): void;
}

/** Parameter, value (number or text, as the parameter takes), unit of the parameter's quantity, inheritable. */
export function ParameterValueCells({ row, cells, inherited, update }: Props) {
  const { details, error } = useParameterDetails(row.parameter_id);
  const valueType = details?.valueType ?? row.valueType;
  const defaultUnit = details?.unitId == null ? '' : String(details.unitId);
  return (
    <>
      <ChoiceSelect
        label="Parameter"
        plural="parameters"
        filters={{ kind: 'device' }}
        value={row.parameter_id}
        error={cells.parameter_id ?? error?.message}
        onChange={(parameter_id) => update({ parameter_id, value: '', unit_id: '' })}
      />
      {/* Read-only until the parameter says whether it takes a number or a text. */}
      <TextCell
        label="Value"
        type={valueType}
        readOnly={!details}
        value={row.value}
        error={cells.value}
        placeholder={inherited ? String(inherited.value) : undefined}
        hint={inherited ? `Overrides the inherited ${String(inherited.value)}` : undefined}
        onChange={(value) => details && update({ value, valueType: details.valueType })}
      />
      {details?.quantityId == null ? null : (
        <ChoiceSelect label="Unit" plural="units" filters={{ quantity_id: details.quantityId }} value={row.unit_id || defaultUnit} error={cells.unit_id} onChange={(unit_id) => update({ unit_id })} />
      )}
      <div className="field checkbox">
        <label>
          <input type="checkbox" checked={row.inheritable} onChange={(e) => update({ inheritable: e.target.checked })} /> Inherited by children
        </label>
        {cells.inheritable ? <small className="field-error" role="alert">{cells.inheritable}</small> : null}
      </div>
    </>
  );
}
