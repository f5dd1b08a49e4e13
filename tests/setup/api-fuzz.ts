import { BAD_BODIES, BAD_IDS, BAD_STRINGS, BAD_VALUES, DEEP, DEEP_JSON, type Rng } from './fuzz-values.js';

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };
type Parameter = { name: string; in: string; schema?: Schema };
type OperationObject = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
export type OpenApiDocument = { paths: Record<string, Record<string, OperationObject>>; components?: { schemas?: Record<string, Schema> } };

/** One operation of the OpenAPI document, reduced to what the fuzzer varies. */
export interface Operation {
  method: string;
  path: string;
  query: string[];
  body?: Schema;
}

export function listOperations(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

/** A value of the schema's shape, so that a body gets past its first checks and reaches deeper code. */
function sample(doc: OpenApiDocument, schema: Schema | undefined, rng: Rng, depth = 0): unknown {
  if (!schema || depth > 6) return 1;
  if (schema.$ref) return sample(doc, doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''], rng, depth + 1);
  const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alternatives) return sample(doc, rng.pick(alternatives), rng, depth + 1);
  if (schema.enum) return rng.pick(schema.enum);
  const type = Array.isArray(schema.type) ? rng.pick(schema.type) : schema.type;
  switch (type) {
    case 'object': {
      const fields = Object.entries(schema.properties ?? {}).filter(([k]) => schema.required?.includes(k) || rng.chance(0.5));
      return Object.fromEntries(fields.map(([k, v]) => [k, sample(doc, v, rng, depth + 1)]));
    }
    case 'array':
      return [sample(doc, schema.items, rng, depth + 1)];
    case 'integer':
      return rng.pick([1, 2, 3]);
    case 'number':
      return rng.pick([1, 2.5, 4.2]);
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    default:
      return rng.pick(['x', `name ${rng.int(1e6)}`, '2024-01-01', 'ABC-%03d']);
  }
}

/** A JSON body text: mostly the schema's shape with one field broken (so the rest passes and the broken one reaches the code), else several, an extra field, or not an object at all. */
function fuzzBody(doc: OpenApiDocument, schema: Schema, rng: Rng): string {
  if (rng.chance(0.2)) return rng.pick(BAD_BODIES).replaceAll(`"${DEEP}"`, DEEP_JSON).replaceAll(DEEP, DEEP_JSON);
  const value = sample(doc, schema, rng);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const fields = value as Record<string, unknown>;
    const keys = Object.keys(fields);
    if (rng.chance(0.2)) fields[rng.pick(['unknown', '', '\u0000', 'name\u0000'])] = rng.pick(BAD_VALUES);
    else if (rng.chance(0.25)) for (const key of keys) fields[key] = rng.chance(0.3) ? rng.pick(BAD_VALUES) : fields[key];
    else if (keys.length > 0) fields[rng.pick(keys)] = rng.pick(BAD_VALUES);
  }
  return JSON.stringify(value).replaceAll(`"${DEEP}"`, DEEP_JSON);
}

/** One malformed request for `op`: its URL (path params and query filled) and JSON body text. */
export function fuzzRequest(doc: OpenApiDocument, op: Operation, rng: Rng, ids: readonly string[]): { url: string; body?: string } {
  const path = op.path.replace(/\{[^}]+\}/g, () => (rng.chance(0.5) ? rng.pick(ids) : rng.pick(BAD_IDS)));
  const query = new URLSearchParams();
  // One parameter at a time mostly: several bad ones are refused together by the first check.
  const chosen = rng.chance(0.7) && op.query.length > 0 ? [rng.pick(op.query)] : op.query.filter(() => rng.chance(0.3));
  for (const name of chosen) query.append(name, rng.pick(BAD_STRINGS));
  if (rng.chance(0.1)) query.append(rng.pick(['unknown', 'page', 'sort', '\u0000']), rng.pick(BAD_STRINGS));
  if (rng.chance(0.1) && op.query.length > 0) query.append(op.query[0], rng.pick(BAD_STRINGS)); // a repeated parameter
  const search = query.toString();
  const url = search ? `${path}?${search}` : path;
  if (!['POST', 'PUT', 'PATCH'].includes(op.method)) return { url };
  return { url, body: op.body ? fuzzBody(doc, op.body, rng) : rng.pick(BAD_BODIES).replaceAll(DEEP, DEEP_JSON) };
}

/** How a failing request is shown: method, URL and the start of its body. */
export function describeRequest(method: string, who: string, url: string, body: string | undefined): string {
  const shown = (s: string) => JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  return `${method} ${shown(url)} as ${who}${body === undefined ? '' : ` body ${shown(body)}`}`;
}
