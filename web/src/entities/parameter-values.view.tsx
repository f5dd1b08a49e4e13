import { choiceName, type Choice } from './choices.js';
import { useChoices } from './use-choices.js';

/** A parameter value as the API returns it on specifications (own and effective) and parameter data sets. */
export interface ParameterValueRow {
  parameter_id: number;
  value: unknown;
  unit_id?: number | null;
  inherited?: boolean;
  source_specification_id?: number;
  component_id?: number | null;
  direction?: string | null;
}

/** True for a list of parameter values (each with a parameter_id), which reads as a table rather than JSON. */
export function isParameterValueList(value: unknown): value is ParameterValueRow[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => v !== null && typeof v === 'object' && typeof (v as { parameter_id?: unknown }).parameter_id === 'number');
}

/** Parameter values by name with their units; where each was set (inherited) and for which component, when known. */
export function ParameterValuesTable({ values, label }: { values: ParameterValueRow[]; label: string }) {
  const parameters = useChoices('parameters').choices;
  const units = useChoices('units').choices;
  const withSource = values.some((v) => v.source_specification_id !== undefined);
  const withComponent = values.some((v) => v.component_id !== undefined && v.component_id !== null);
  const withDirection = values.some((v) => v.direction);
  const specifications = useChoices(withSource ? 'specifications' : undefined).choices;
  const components = useChoices(withComponent ? 'components' : undefined).choices;
  const nameOf = (list: readonly Choice[], id: number | null | undefined) => (id === null || id === undefined ? '—' : choiceName(list, id));
  return (
    <table className="list compact" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col">Value</th>
          <th scope="col">Unit</th>
          {withSource ? <th scope="col">Set on</th> : null}
          {withComponent ? <th scope="col">Component</th> : null}
          {withDirection ? <th scope="col">Direction</th> : null}
        </tr>
      </thead>
      <tbody>
        {values.map((v, i) => (
          <tr key={`${v.parameter_id}-${v.component_id ?? ''}-${i}`}>
            <th scope="row">{nameOf(parameters, v.parameter_id)}</th>
            <td>{String(v.value)}</td>
            <td>{nameOf(units, v.unit_id)}</td>
            {withSource ? <td>{v.inherited ? `${nameOf(specifications, v.source_specification_id)} (inherited)` : 'this specification'}</td> : null}
            {withComponent ? <td>{nameOf(components, v.component_id)}</td> : null}
            {withDirection ? <td>{v.direction ?? '—'}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
