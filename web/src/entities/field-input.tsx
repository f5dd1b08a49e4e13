import { useState } from 'react';
import { Field } from '../ui/field.js';
import { entityConfig, humanise } from './entity-config.js';
import type { SubErrors } from './editors/field-editor.js';
import type { FormField, FormValues } from './form-fields.js';
import { NewRelatedDialog } from './new-related.dialog.js';
import { useChoices } from './use-choices.js';
import { ChoiceOptions } from './choice-options.js';

interface Props {
  field: FormField;
  value: unknown;
  /** The field's messages by the path below it ('' = the field itself). */
  errors: SubErrors;
  form: FormValues;
  allowCreateRelated: boolean;
  onChange(value: unknown): void;
}

interface ControlProps extends Omit<Props, 'errors' | 'form'> {
  error?: string;
}

function ReferenceSelect({ field, value, error, allowCreateRelated, onChange }: ControlProps) {
  const { choices, reload } = useChoices(field.target);
  const [creating, setCreating] = useState(false);
  const target = field.target ? entityConfig(field.target) : undefined;
  return (
    <div className="reference">
      <Field label={humanise(field.name) + (field.required ? ' *' : '')} error={error} hint={field.description}>
        {(p) => (
          <select {...p} name={field.name} value={String(value)} onChange={(e) => onChange(e.target.value)}>
            <ChoiceOptions choices={choices} empty="(none)" />
          </select>
        )}
      </Field>
      {allowCreateRelated && target && target.creatable !== false ? (
        <button type="button" className="small" onClick={() => setCreating(true)} aria-label={`New ${target.label.toLowerCase()} for ${humanise(field.name)}`}>
          + New
        </button>
      ) : null}
      {creating && target ? (
        <NewRelatedDialog
          plural={target.plural}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            reload();
            onChange(String(id));
            setCreating(false);
          }}
        />
      ) : null}
    </div>
  );
}

function ReferenceMultiSelect({ field, value, error, onChange }: ControlProps) {
  const { choices } = useChoices(field.target);
  const selected = String(value).split('\n').filter(Boolean);
  return (
    <Field label={humanise(field.name.replace(/_ids$/, 's'))} error={error} hint="Ctrl/Shift to pick several">
      {(p) => (
        <select {...p} multiple name={field.name} size={Math.min(6, Math.max(3, choices.length))} value={selected} onChange={(e) => onChange(Array.from(e.target.selectedOptions, (o) => o.value).join('\n'))}>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The control for one API field: select, checkbox, number, date, text, lines, JSON or the field's custom editor. */
export function FieldInput({ errors, form, ...props }: Props) {
  const { field, value, onChange } = props;
  if (field.editor) return <field.editor.Component field={field} value={value} errors={errors} form={form} onChange={onChange} />;
  const messages = Object.values(errors);
  const error = messages.length > 0 ? messages.join('; ') : undefined;
  const label = humanise(field.name) + (field.required ? ' *' : '');
  if (field.kind === 'reference') return <ReferenceSelect {...props} error={error} />;
  if (field.kind === 'references') return <ReferenceMultiSelect {...props} error={error} />;
  if (field.kind === 'boolean')
    return (
      <div className="field checkbox">
        <label>
          <input type="checkbox" name={field.name} checked={value === true} onChange={(e) => onChange(e.target.checked)} /> {label}
        </label>
        {error ? <small className="field-error" role="alert">{error}</small> : null}
      </div>
    );
  const text = String(value);
  return (
    <Field label={label} error={error} hint={field.kind === 'lines' ? 'One per line' : field.kind === 'json' ? `JSON${field.description ? `: ${field.description}` : ''}` : field.description}>
      {(p) => {
        switch (field.kind) {
          case 'enum':
            return (
              <select {...p} name={field.name} value={text} onChange={(e) => onChange(e.target.value)}>
                <option value="">(choose)</option>
                {field.options?.map((o) => (
                  <option key={o} value={o}>
                    {o.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            );
          case 'longtext':
          case 'lines':
          case 'json':
            return <textarea {...p} name={field.name} rows={field.kind === 'longtext' ? 3 : 4} value={text} onChange={(e) => onChange(e.target.value)} />;
          default: {
            const type = { number: 'number', integer: 'number', date: 'date', datetime: 'datetime-local' }[field.kind as string] ?? 'text';
            return <input {...p} name={field.name} type={type} step={field.kind === 'number' ? 'any' : undefined} value={text} onChange={(e) => onChange(e.target.value)} />;
          }
        }
      }}
    </Field>
  );
}
