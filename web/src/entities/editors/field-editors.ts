import { compoundAmountsEditor } from './compound-amounts.editor.js';
import { experimentDevicesEditor } from './experiment-devices.editor.js';
import type { FieldEditor } from './field-editor.js';
import { parameterValuesEditor } from './parameter-values.editor.js';

/** Editors by the name `editors` in the entity UI config gives them. */
export const FIELD_EDITORS: Record<string, FieldEditor<unknown>> = {
  'experiment-devices': experimentDevicesEditor,
  'parameter-values': parameterValuesEditor,
  'compound-amounts': compoundAmountsEditor,
};
