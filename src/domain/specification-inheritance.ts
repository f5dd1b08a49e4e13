/** One parameter value set on a specification. */
export interface SpecificationValue<V = unknown> {
  parameterId: number;
  value: V;
  inheritable: boolean;
}

export interface EffectiveValue<V = unknown> extends SpecificationValue<V> {
  /** The specification the value was set on (the node itself, or the ancestor it was inherited from). */
  sourceSpecificationId: number;
  inherited: boolean;
}

export interface SpecificationNode<V = unknown> {
  id: number;
  values: readonly SpecificationValue<V>[];
  metadata: Record<string, unknown>;
}

/**
 * The values that apply to the last node of `chain` (ordered root → node): its own values, plus each
 * ancestor's inheritable values not overridden by a nearer specification. Ordered by parameter id.
 */
export function resolveEffectiveValues<V>(chain: readonly SpecificationNode<V>[]): EffectiveValue<V>[] {
  const byParameter = new Map<number, EffectiveValue<V>>();
  const last = chain.length - 1;
  chain.forEach((node, depth) => {
    for (const v of node.values) {
      // A nearer ancestor that sets the parameter without passing it on also hides the farther value.
      if (depth < last && !v.inheritable) {
        byParameter.delete(v.parameterId);
        continue;
      }
      byParameter.set(v.parameterId, { ...v, sourceSpecificationId: node.id, inherited: depth < last });
    }
  });
  return [...byParameter.values()].sort((a, b) => a.parameterId - b.parameterId);
}

/** Metadata merged down the tree: nested objects merge key by key, nearer specifications win, `null` removes a key. */
export function resolveInheritedMetadata(chain: readonly SpecificationNode[]): Record<string, unknown> {
  return chain.reduce<Record<string, unknown>>((acc, node) => mergeMetadata(acc, node.metadata), {});
}

function mergeMetadata(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete out[key];
    else if (isPlainObject(value) && isPlainObject(out[key])) out[key] = mergeMetadata(out[key] as Record<string, unknown>, value);
    else out[key] = value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
