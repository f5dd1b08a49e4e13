import { assertSafeInput } from '../api/input-guard.js';
import { ValidationError } from '../domain/errors.js';
import { PREVIEW_HEAD_BYTES } from './preview.service.js';
import { PreviewJsonRequest } from './preview.schemas.js';

export interface PreviewRequest {
  fileName: string;
  head: Uint8Array;
  fileSize?: number;
  equipmentId?: number;
  columnMappingId?: number;
}

const positiveInt = (field: string, v: ReturnType<FormData['get']>): number | undefined => {
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0 || (n === 0 && field !== 'fileSize') || (field !== 'fileSize' && n > 2_147_483_647)) throw new ValidationError(`Invalid ${field}`, [{ field, message: 'must be a positive integer' }]);
  return n;
};

/** The multipart form; a body that is not one (no boundary, broken part headers) is the client's mistake. */
async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch (err) {
    throw new ValidationError(`Malformed multipart body: ${(err as Error).message}`, [{ field: '(body)', message: 'expected multipart/form-data with a boundary and a "file" part' }]);
  }
}

/** Reads a preview request: JSON with a base64 head, or multipart with a `file` part (only its first 256 KiB are kept). */
export async function readPreviewRequest(request: Request): Promise<PreviewRequest> {
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await readForm(request);
    const file = form.get('file');
    if (!(file instanceof Blob)) throw new ValidationError('No file part', [{ field: 'file', message: 'a "file" part with the first bytes of the file is required' }]);
    const named = form.get('fileName');
    const fileName = (typeof named === 'string' && named.trim()) || (file instanceof File ? file.name : '');
    if (!fileName) throw new ValidationError('No file name', [{ field: 'fileName', message: 'required' }]);
    return {
      fileName,
      head: new Uint8Array(await file.slice(0, PREVIEW_HEAD_BYTES).arrayBuffer()),
      fileSize: positiveInt('fileSize', form.get('fileSize')),
      equipmentId: positiveInt('equipmentId', form.get('equipmentId')),
      columnMappingId: positiveInt('columnMappingId', form.get('columnMappingId')),
    };
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ValidationError('Send JSON or multipart/form-data', [{ field: '(body)', message: 'not valid JSON' }]);
  }
  assertSafeInput(body);
  const parsed = PreviewJsonRequest.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
    throw new ValidationError(`Invalid request: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
  }
  const { head, ...rest } = parsed.data;
  return { ...rest, head: new Uint8Array(Buffer.from(head, 'base64')) };
}
