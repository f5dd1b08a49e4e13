import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

const SNIFF_BYTES = 8192;
const BACKWARD_STEP = 64 * 1024;

/** The bytes of a file that may be sent now: a text file up to its last complete line, any other file whole. */
export async function sendableEnd(path: string, size: number): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    // NUL bytes: a binary format (.nda, .mpr, .res, zip, gzip), re-read whole by its parser.
    if (head.includes(0)) return size;
    // A text file is sent up to its last newline: a line the cycler is still writing waits for the next scan.
    for (let end = size; end > 0; end -= BACKWARD_STEP) {
      const start = Math.max(0, end - BACKWARD_STEP);
      const chunk = Buffer.alloc(end - start);
      await handle.read(chunk, 0, chunk.length, start);
      const nl = chunk.lastIndexOf(0x0a);
      if (nl >= 0) return start + nl + 1;
    }
    return 0;
  } finally {
    await handle.close();
  }
}

/** sha256 (hex) of the bytes [start, end) of a file. */
export async function sha256Range(path: string, start: number, end: number): Promise<string> {
  const hash = createHash('sha256');
  if (end > start) for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The bytes [start, end) of a file as a stream (the file may keep growing meanwhile). */
export function readRange(path: string, start: number, end: number): AsyncIterable<Uint8Array> {
  if (end <= start) return (async function* () {})();
  return createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 20 });
}
