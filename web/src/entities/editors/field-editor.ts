import type { ComponentType } from 'react';
import type { FormField, FormValues } from '../form-fields.js';

/** Messages for one field keyed by the path below it: '' = the whole field, '1' = its second row, '1.batch_id' = a cell. */
export type SubErrors = Record<string, string>;

export interface FieldEditorProps<S> {
  field: FormField;
  value: S;
  errors: SubErrors;
  /** The whole form, for editors that depend on another field (a specification's parent). */
  form: FormValues;
  onChange(value: S): void;
}

/**
 * The extension point of the generic form for a field that needs more than one control (lists of
 * rows): how a record's value becomes editor state, how that state becomes the request value, and
 * the component. Chosen per field by `editors` in the entity's UI config.
 */
export interface FieldEditor<S> {
  fromRecord(value: unknown): S;
  /** `errors` are local checks keyed like `SubErrors`; the request is not sent while there are any. */
  toBody(state: S): { value: unknown; errors: SubErrors };
  Component: ComponentType<FieldEditorProps<S>>;
}

/** Erases the state type so editors of different states fit one registry (each stays type-checked inside). */
export function defineFieldEditor<S>(editor: FieldEditor<S>): FieldEditor<unknown> {
  return editor as unknown as FieldEditor<unknown>;
}
