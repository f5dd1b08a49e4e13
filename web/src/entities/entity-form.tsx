import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, apiFetch } from '../api/api-client.js';
import { requestSchemaOf } from '../api/openapi-spec.js';
import { ErrorMessage } from '../ui/error-message.js';
import { FieldInput } from './field-input.js';
import { formFieldsOf, subErrorsOf, toFormValues, toRequestBody, type FormValues } from './form-fields.js';
import type { Row } from './entity-list.page.js';
import { invalidateChoices } from './use-choices.js';
import { useOpenApi } from './use-openapi.js';

interface Props {
  plural: string;
  record?: Row;
  /** Nested forms (inside the "new related record" dialog) do not offer another level. */
  nested?: boolean;
  onSaved(row: Row, addAnother: boolean): void;
  onCancel?(): void;
}

/** Create or edit form for any entity, built from the API's request schema; shows field errors in place. */
export function EntityForm({ plural, record, nested = false, onSaved, onCancel }: Props) {
  const doc = useOpenApi();
  const editing = record !== undefined;
  const fields = useMemo(() => {
    if (!doc) return [];
    const schema = editing
      ? (requestSchemaOf(doc, `/api/v1/${plural}/{id}`, 'patch') ?? requestSchemaOf(doc, `/api/v1/${plural}/{id}`, 'put'))
      : requestSchemaOf(doc, `/api/v1/${plural}`, 'post');
    return schema ? formFieldsOf(doc, schema, plural) : [];
  }, [doc, plural, editing]);
  const [values, setValues] = useState<FormValues | undefined>();
  // Messages by the API's issue path (`name`, `devices.1.batch_id`): editors place them on rows and cells.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<Error>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Built once per record: editors' rows carry keys that must stay put across renders.
  const initial = useMemo(() => toFormValues(fields, record), [fields, record]);
  const current = values ?? initial;

  async function save(addAnother: boolean) {
    const { body, errors: local } = toRequestBody(fields, current, editing);
    setErrors(local);
    setFailure(undefined);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const row = await apiFetch<Row>(editing ? `/api/v1/${plural}/${record.id}` : `/api/v1/${plural}`, { method: editing ? 'PATCH' : 'POST', body });
      invalidateChoices(plural);
      if (addAnother) {
        setValues(toFormValues(fields, undefined));
        setSaved(`Saved “${row.name ?? row.id}”. Add another:`);
      }
      onSaved(row, addAnother);
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) {
        const byPath: Record<string, string> = {};
        let placed = 0;
        for (const issue of e.issues) {
          if (!fields.some((f) => f.name === issue.field.split('.')[0])) continue;
          byPath[issue.field] = byPath[issue.field] ? `${byPath[issue.field]}; ${issue.message}` : issue.message;
          placed += 1;
        }
        setErrors(byPath);
        if (placed < e.issues.length) setFailure(e);
      } else setFailure(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  }

  // A changed field's messages go (a list editor's row indices may have moved); the next save checks again.
  function change(name: string, value: unknown) {
    setValues({ ...current, [name]: value });
    if (Object.keys(subErrorsOf(errors, name)).length > 0) setErrors(Object.fromEntries(Object.entries(errors).filter(([path]) => path !== name && !path.startsWith(`${name}.`))));
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // React bubbles events through portals: keep a nested dialog form's submit from reaching the outer form.
    e.stopPropagation();
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    void save(submitter?.getAttribute('value') === 'another');
  }

  if (!doc) return <p aria-busy="true">Loading form…</p>;
  if (fields.length === 0) return <p role="alert">The API offers no form for this kind of record.</p>;
  return (
    <form className="entity-form" onSubmit={submit} noValidate>
      {saved ? <p role="status" className="saved">{saved}</p> : null}
      {fields.map((f) => (
        <FieldInput key={f.name} field={f} value={current[f.name] ?? ''} errors={subErrorsOf(errors, f.name)} form={current} allowCreateRelated={!nested} onChange={(v) => change(f.name, v)} />
      ))}
      <ErrorMessage error={failure} />
      <div className="actions">
        <button type="submit" className="primary" value="save" disabled={busy}>
          Save
        </button>
        {!editing && !nested ? (
          <button type="submit" value="another" disabled={busy}>
            Save and add another
          </button>
        ) : null}
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
