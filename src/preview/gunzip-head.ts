import { constants, createGunzip } from 'node:zlib';
import { ParseError } from '../parsers/cycler-parser.js';

/**
 * Inflates the start of a gzip file whose compressed head may be cut anywhere: output stops at
 * `maxBytes` (a small head of a very compressible file cannot balloon), a cut stream is not an error.
 */
export async function gunzipHead(fileName: string, head: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  const inflate = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
  try {
    await new Promise<void>((resolve, reject) => {
      inflate.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= maxBytes) inflate.destroy();
      });
      inflate.on('close', resolve);
      inflate.on('error', reject);
      inflate.end(head);
    });
  } catch (cause) {
    throw new ParseError({ format: 'gzip', fileName, byte: 0, message: `not a valid gzip stream (${(cause as Error).message})`, cause });
  }
  return new Uint8Array(Buffer.concat(chunks).subarray(0, maxBytes));
}
