import { useApi } from '../../api/use-api.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { choiceName, type Choice } from '../choices.js';
import { useChoices } from '../use-choices.js';
import type { ApiParameterValue } from './parameter-value-row.js';

export interface InheritedValue extends ApiParameterValue {
  source_specification_id: number;
}

/** The values a child of `parentId` inherits: the parent's effective values flagged inheritable. */
export function useInheritedValues(parentId: string): { values: InheritedValue[]; error?: Error } {
  const { data, error } = useApi<{ effective_parameter_values: InheritedValue[] }>(parentId === '' ? null : `/api/v1/specifications/${parentId}`);
  if (parentId === '') return { values: [] };
  return { values: data?.effective_parameter_values.filter((v) => v.inheritable) ?? [], error };
}

interface Props {
  values: InheritedValue[];
  error?: Error;
  onOverride(value: InheritedValue): void;
}

/** Inherited values not set on this node: read-only, each with an "Override" button. */
export function InheritedValues({ values, error, onOverride }: Props) {
  const parameters = useChoices('parameters', { kind: 'device' }).choices;
  const units = useChoices('units').choices;
  const specifications = useChoices('specifications').choices;
  const nameOf = (list: readonly Choice[], id: number | null) => (id === null ? '' : choiceName(list, id));
  if (error) return <ErrorMessage error={error} />;
  if (values.length === 0) return null;
  return (
    <table className="inherited-values">
      <caption>Inherited from the parent</caption>
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col">Value</th>
          <th scope="col">Unit</th>
          <th scope="col">Set on</th>
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {values.map((v) => {
          const parameter = nameOf(parameters, v.parameter_id);
          return (
            <tr key={v.parameter_id}>
              <th scope="row">{parameter}</th>
              <td>
                <output>{String(v.value)}</output>
              </td>
              <td>{nameOf(units, v.unit_id)}</td>
              <td>{nameOf(specifications, v.source_specification_id)}</td>
              <td>
                <button type="button" className="small" aria-label={`Override ${parameter}`} onClick={() => onOverride(v)}>
                  Override
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
