import { apiFetch } from '../api/api-client.js';
import type { components } from '../api/schema.js';

export type FilePreview = components['schemas']['ParserPreview'];
export type HeaderCandidates = NonNullable<FilePreview['headerCandidates']>;

/** Bytes of a file's start sent for the preview (the server reads no more). */
export const PREVIEW_HEAD_BYTES = 256 * 1024;

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file'));
    reader.readAsDataURL(blob);
  });
}

/** Asks the server what it makes of the file's first 256 KiB: format, columns, or the header to map. */
export async function previewFile(file: File, links: { equipmentId?: number; columnMappingId?: number } = {}): Promise<FilePreview> {
  const head = await base64Of(file.slice(0, PREVIEW_HEAD_BYTES));
  return apiFetch<FilePreview>('/api/v1/parsers/preview', { method: 'POST', body: { fileName: file.name, head, fileSize: file.size, ...links } });
}
