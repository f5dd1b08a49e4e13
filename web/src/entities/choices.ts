export interface Choice {
  id: number;
  name: string;
}

/** Accepts a page `{items}` or a bare array of `{id, name}`. */
export function toChoices(body: unknown): Choice[] {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items) ? (body as { items: unknown[] }).items : [];
  return list.filter((x): x is Choice => Boolean(x) && typeof (x as Choice).id === 'number').map((x) => ({ id: x.id, name: String(x.name ?? x.id) }));
}

/** The name of choice `id`, or `#id` while the choices load or when it is not among them. */
export function choiceName(choices: readonly Choice[], id: number): string {
  return choices.find((c) => c.id === id)?.name ?? `#${id}`;
}
