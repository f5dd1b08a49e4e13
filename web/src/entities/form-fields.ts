import { resolveSchema, unwrapNullable, type JsonSchema, type OpenApiDocument } from '../api/openapi-spec.js';
import type { FieldEditor, SubErrors } from './editors/field-editor.js';
import { FIELD_EDITORS } from './editors/field-editors.js';
import { entityConfig, referenceTarget } from './entity-config.js';

export type FieldKind = 'text' | 'longtext' | 'number' | 'integer' | 'boolean' | 'enum' | 'date' | 'datetime' | 'reference' | 'references' | 'lines' | 'json' | 'editor';

export interface FormField {
  name: string;
  kind: FieldKind;
  required: boolean;
  nullable: boolean;
  options?: string[];
  target?: string;
  description?: string;
  /** For kind `editor`: the custom editor the entity's UI config names for this field. */
  editor?: FieldEditor<unknown>;
}

function editorOf(name: string, plural: string): FieldEditor<unknown> | undefined {
  const editorName = entityConfig(plural)?.editors?.[name];
  if (editorName === undefined) return undefined;
  const editor = FIELD_EDITORS[editorName];
  if (!editor) throw new Error(`The UI config of ${plural} names an unknown editor "${editorName}" for ${name}`);
  return editor;
}

const LONG_TEXT = new Set(['notes', 'summary', 'description']);
const SKIPPED = new Set(['status']);
// Files (spec sheets, PDFs) are attached by upload, not typed in.
const FILE_FIELD = /_(blob_key|sha256)$/;

function kindOf(name: string, schema: JsonSchema, plural: string): Pick<FormField, 'kind' | 'options' | 'target' | 'editor'> {
  const editor = editorOf(name, plural);
  if (editor) return { kind: 'editor', editor };
  const target = referenceTarget(name, plural);
  if (target && (schema.type === 'integer' || schema.type === 'number')) return { kind: 'reference', target };
  if (target && schema.type === 'array' && schema.items?.type === 'integer') return { kind: 'references', target };
  if (schema.enum) return { kind: 'enum', options: schema.enum.map(String) };
  switch (schema.type) {
    case 'integer':
      return { kind: 'integer' };
    case 'number':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return schema.items?.type === 'string' ? { kind: 'lines' } : { kind: 'json' };
    case 'object':
      return { kind: 'json' };
    case 'string':
      if (schema.format === 'date' || name === 'date' || /_(on|date)$/.test(name)) return { kind: 'date' };
      if (schema.format === 'date-time') return { kind: 'datetime' };
      return { kind: LONG_TEXT.has(name) ? 'longtext' : 'text' };
    default:
      return { kind: 'json' };
  }
}

/** Form fields of a request body schema, in the API's order with notes and attributes last. */
export function formFieldsOf(doc: OpenApiDocument, body: JsonSchema, plural: string): FormField[] {
  const required = new Set(body.required ?? []);
  const fields = Object.entries(body.properties ?? {})
    .filter(([name]) => !SKIPPED.has(name) && !FILE_FIELD.test(name))
    .map(([name, raw]) => {
      const { schema, nullable } = unwrapNullable(doc, resolveSchema(doc, raw));
      return { name, required: required.has(name), nullable, description: schema.description ?? raw.description, ...kindOf(name, schema, plural) };
    });
  const last = (f: FormField) => (f.name === 'attributes' ? 2 : f.name === 'notes' ? 1 : 0);
  return fields.sort((a, b) => last(a) - last(b));
}

/** Input strings and checkbox booleans; a custom editor's own state for kind `editor`. */
export type FormValues = Record<string, unknown>;

/** A record's values as form input strings. */
export function toFormValues(fields: FormField[], record: Record<string, unknown> | undefined): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    const v = record?.[f.name];
    if (f.editor) values[f.name] = f.editor.fromRecord(v);
    else if (f.kind === 'boolean') values[f.name] = v === true;
    else if (v === null || v === undefined) values[f.name] = '';
    else if ((f.kind === 'lines' || f.kind === 'references') && Array.isArray(v)) values[f.name] = v.join('\n');
    else if (f.kind === 'json') values[f.name] = JSON.stringify(v, null, 2);
    else if (f.kind === 'date' && typeof v === 'string') values[f.name] = v.slice(0, 10);
    else if (f.kind === 'datetime' && typeof v === 'string') values[f.name] = v.slice(0, 16);
    else values[f.name] = String(v);
  }
  return values;
}

/**
 * Form strings back to a JSON body; empty optional fields are left out (or null when editing).
 * Local errors are keyed by the API's issue paths (`devices.1.sequence`), like the server's.
 */
export function toRequestBody(fields: FormField[], values: FormValues, editing: boolean): { body: Record<string, unknown>; errors: Record<string, string> } {
  const body: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const raw = values[f.name];
    if (f.editor) {
      const out = f.editor.toBody(raw);
      body[f.name] = out.value;
      for (const [sub, message] of Object.entries(out.errors)) errors[sub === '' ? f.name : `${f.name}.${sub}`] = message;
      continue;
    }
    if (f.kind === 'boolean') {
      body[f.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (editing && f.nullable) body[f.name] = null;
      // A missing required choice is left out: the API names it, next to the other fields' messages.
      else if (editing || (f.required && (f.kind === 'text' || f.kind === 'longtext'))) body[f.name] = f.nullable ? null : '';
      continue;
    }
    if (f.kind === 'number' || f.kind === 'integer' || f.kind === 'reference') {
      const n = Number(text);
      if (!Number.isFinite(n)) errors[f.name] = 'expected a number';
      else body[f.name] = n;
    } else if (f.kind === 'references') body[f.name] = text.split('\n').filter(Boolean).map(Number);
    else if (f.kind === 'lines') body[f.name] = text.split('\n').map((s) => s.trim()).filter(Boolean);
    else if (f.kind === 'json') {
      try {
        body[f.name] = JSON.parse(text);
      } catch {
        errors[f.name] = 'not valid JSON';
      }
    } else if (f.kind === 'datetime') body[f.name] = new Date(text).toISOString();
    else body[f.name] = text;
  }
  return { body, errors };
}

/** The messages under one field, keyed by the path below it ('' = the field itself). */
export function subErrorsOf(errors: Record<string, string>, name: string): SubErrors {
  const out: SubErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === name) out[''] = message;
    else if (path.startsWith(`${name}.`)) out[path.slice(name.length + 1)] = message;
  }
  return out;
}
