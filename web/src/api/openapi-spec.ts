/**
 * The server's own OpenAPI document, read once at run time: generic list pages and forms derive
 * their filters and fields from it, so a field added on the server shows up without UI changes.
 */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  nullable?: boolean;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
  description?: string;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

let loading: Promise<OpenApiDocument> | undefined;

export function loadOpenApi(): Promise<OpenApiDocument> {
  loading ??= fetch('/api/openapi.json').then(async (res) => {
    if (!res.ok) throw new Error(`Could not load the API description (${res.status})`);
    return (await res.json()) as OpenApiDocument;
  });
  return loading;
}

/** Follows `$ref`s and flattens `allOf`, so callers see plain properties. */
export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(doc, doc.components?.schemas?.[name]);
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolveSchema(doc, s));
    return { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties)), required: parts.flatMap((p) => p.required ?? []) };
  }
  return schema;
}

/** Drops the `null` branch of `anyOf [X, null]` so the field's real type shows. */
export function unwrapNullable(doc: OpenApiDocument, schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const nonNull = branches.filter((b) => b.type !== 'null');
    if (nonNull.length === 1) return { schema: resolveSchema(doc, nonNull[0]), nullable: nonNull.length < branches.length };
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null');
    return { schema: { ...schema, type: types[0] }, nullable: types.length < schema.type.length };
  }
  return { schema, nullable: Boolean(schema.nullable) };
}

export function operationOf(doc: OpenApiDocument, path: string, method: string): Operation | undefined {
  return doc.paths[path]?.[method];
}

/** The JSON request body schema of an operation (create/update forms). */
export function requestSchemaOf(doc: OpenApiDocument, path: string, method: string): JsonSchema | undefined {
  const op = operationOf(doc, path, method);
  const schema = op?.requestBody?.content?.['application/json']?.schema;
  return schema ? resolveSchema(doc, schema) : undefined;
}

/** Query parameters of an operation (list filters). */
export function queryParamsOf(doc: OpenApiDocument, path: string, method = 'get'): Parameter[] {
  return (operationOf(doc, path, method)?.parameters ?? []).filter((p) => p.in === 'query');
}
