/** The document kinds an attachment may be, recognised by their first bytes (never by the name a client sends). */
const KINDS = {
  pdf: { contentType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  png: { contentType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  jpeg: { contentType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
} as const;

export type AttachmentKind = keyof typeof KINDS;

/** Bytes `sniffKind` needs. */
export const SNIFF_BYTES = 8;

export function sniffKind(head: Uint8Array): AttachmentKind | null {
  for (const [kind, { magic }] of Object.entries(KINDS) as [AttachmentKind, (typeof KINDS)[AttachmentKind]][]) {
    if (magic.every((b, i) => head[i] === b)) return kind;
  }
  return null;
}

export const contentTypeOf = (kind: AttachmentKind): string => KINDS[kind].contentType;
