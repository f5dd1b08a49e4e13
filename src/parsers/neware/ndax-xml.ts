/** Attributes of the first XML element named `tag` (the .ndax XML files are small and flat). */
export function xmlAttributes(xml: string, tag: string): Record<string, string> | null {
  const m = new RegExp(`<${tag}\\s([^>]*?)/?>`).exec(xml);
  if (!m) return null;
  const out: Record<string, string> = {};
  for (const a of m[1].matchAll(/([\w:.-]+)="([^"]*)"/g)) out[a[1]] = a[2];
  return out;
}

/** All elements whose tag starts with `prefix` followed by a number (Aux1, Aux2 ...), in document order. */
export function xmlNumberedElements(xml: string, prefix: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of xml.matchAll(new RegExp(`<${prefix}\\d+\\s([^>]*?)/?>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    out.push(attrs);
  }
  return out;
}

/** Decodes the gb2312 XML of an .ndax (gb18030 is its superset). */
export function decodeNdaxXml(bytes: Uint8Array | undefined): string {
  if (!bytes) return '';
  try {
    return new TextDecoder('gb18030').decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}
