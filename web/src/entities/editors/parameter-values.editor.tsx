import { humanise } from '../entity-config.js';
import { defineFieldEditor, type FieldEditorProps } from './field-editor.js';
import { InheritedValues, useInheritedValues } from './inherited-values.js';
import { ParameterValueCells } from './parameter-value-cells.js';
import { blankValueRow, valueRowOf, valueRowsOf, valueRowsToBody, type ValueRow } from './parameter-value-row.js';
import { RowList } from './row-list.js';

function ParameterValues({ field, value: rows, errors, form, onChange }: FieldEditorProps<ValueRow[]>) {
  const inherited = useInheritedValues(typeof form.parent_id === 'string' ? form.parent_id : '');
  const own = new Set(rows.map((r) => r.parameter_id));
  const inheritedOf = (parameterId: string) => inherited.values.find((v) => String(v.parameter_id) === parameterId);
  return (
    <RowList
      legend={humanise(field.name)}
      itemLabel="Parameter value"
      rows={rows}
      errors={errors}
      newRow={blankValueRow}
      onChange={onChange}
      renderRow={(row, update, cells) => <ParameterValueCells row={row} cells={cells} inherited={inheritedOf(row.parameter_id)} update={update} />}
      extra={(addRow) => (
        <InheritedValues
          values={inherited.values.filter((v) => !own.has(String(v.parameter_id)))}
          error={inherited.error}
          // The override starts blank (the inherited value is its placeholder) with the inherited unit.
          onOverride={(v) => addRow({ ...valueRowOf(v), value: '' }, 'input:not([type="checkbox"])')}
        />
      )}
    />
  );
}

/** A specification's own parameter values, with the parent's inherited ones shown for overriding. */
export const parameterValuesEditor = defineFieldEditor({ fromRecord: valueRowsOf, toBody: valueRowsToBody, Component: ParameterValues });
