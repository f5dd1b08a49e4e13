import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { AppError, ValidationError } from '../domain/errors.js';
import { putContent, type BlobStore, type StoredBlob } from '../storage/blob-store.js';

/** A file part of the form, already in the blob store. */
export interface ReceivedFile {
  field: string;
  fileName: string;
  blob: StoredBlob;
}

/** The client sent no bytes for the idle timeout; the upload was dropped. */
export class UploadIdleTimeoutError extends AppError {
  constructor(idleTimeoutMs: number) {
    super('REQUEST_TIMEOUT', `Upload aborted: no bytes received for ${idleTimeoutMs / 1000} s`, { idleTimeoutMs });
    this.name = 'UploadIdleTimeoutError';
  }
}

/** Busboy for this content type; it throws at once when the header has no boundary, which is the client's mistake. */
function openParser(contentType: string, files: number): busboy.Busboy {
  try {
    return busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8', limits: { fields: 50, fieldSize: 64 * 1024, files } });
  } catch (err) {
    throw new ValidationError(`Malformed multipart header: ${(err as Error).message}`, [{ field: 'content-type', message: 'multipart/form-data needs a boundary parameter' }]);
  }
}

/**
 * Streams a multipart/form-data request into the blob store: each file part is hashed and stored as it
 * arrives (never held whole in memory), text fields are collected. Files over `maxBytes` fail with
 * PayloadTooLargeError; unknown file fields with ValidationError. A body that errors (the client went away)
 * or sends nothing for `idleTimeoutMs` ends the request, and the part being stored is removed with it.
 */
export async function receiveMultipart(
  store: BlobStore,
  request: Request,
  opts: { maxBytes: number; fileFields: ReadonlySet<string>; idleTimeoutMs: number },
): Promise<{ files: ReceivedFile[]; fields: Record<string, string> }> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data') || !request.body) {
    throw new ValidationError('Send the file as multipart/form-data', [{ field: '(body)', message: 'expected multipart/form-data with a "file" part' }]);
  }
  // File names in the form are UTF-8 (browsers and fetch send them so); busboy's default is latin1.
  const parser = openParser(contentType, opts.fileFields.size);
  const fields: Record<string, string> = {};
  const stored: Array<Promise<ReceivedFile>> = [];
  const body = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  let idle: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve, reject) => {
    // Stops reading the body; destroying the parser fails the part being stored with `err`, and putTemp removes its temp object.
    const fail = (err: unknown) => {
      body.unpipe(parser);
      body.destroy();
      parser.destroy(err as Error);
      reject(err);
    };
    // A body paused by backpressure (the store is slow) is not the client's stall: look again later.
    idle = setTimeout(() => (body.readableFlowing === false ? idle?.refresh() : fail(new UploadIdleTimeoutError(opts.idleTimeoutMs))), opts.idleTimeoutMs);
    body.on('data', () => idle?.refresh());
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const wrong = !opts.fileFields.has(field)
        ? new ValidationError(`Unexpected file field '${field}'`, [{ field, message: `file fields are: ${[...opts.fileFields].join(', ')}` }])
        : info.filename?.includes('\u0000')
          ? new ValidationError(`Invalid file name in '${field}'`, [{ field, message: 'the file name must not contain a NUL character (\\u0000)' }])
          : undefined;
      if (wrong) {
        stream.resume();
        const refused = Promise.reject(wrong);
        refused.catch(() => undefined); // reported below, after the body is read
        stored.push(refused);
        return;
      }
      const fileName = info.filename || field;
      const put = putContent(store, stream, { maxBytes: opts.maxBytes }).then((blob) => ({ field, fileName, blob }));
      // A failed part (too large, store down) ends the request at once: the rest of the body is not read.
      put.catch(fail);
      stored.push(put);
    });
    parser.on('close', () => resolve());
    parser.on('error', (err) => reject(new ValidationError(`Malformed multipart body: ${(err as Error).message}`, [{ field: '(body)', message: (err as Error).message }])));
    // The client went away (reset, killed): its error, not a database outage nor an internal error.
    body.on('error', (err) => fail(new ValidationError(`Upload interrupted: ${err.message}`)));
  });
  body.pipe(parser);
  try {
    await done;
  } finally {
    clearTimeout(idle);
  }
  const results = await Promise.allSettled(stored);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return { files: results.map((r) => (r as PromiseFulfilledResult<ReceivedFile>).value), fields };
}
