import { connect, type Socket } from 'node:net';

export interface RawUpload {
  socket: Socket;
  /** Writes the first `bytes` of the request body (after the headers, which go out at once). */
  sendBody(bytes: number): void;
  /** Everything the server sent back, once the connection ends (or is reset). */
  response: Promise<string>;
}

/**
 * A multipart upload of one file written by hand on a raw socket, so a test can send part of the
 * body, stall, or drop the connection the way a killed client does. The headers announce the whole body.
 */
export function startRawUpload(port: number, path: string, authorization: string, file: { name: string; bytes: Uint8Array }): RawUpload {
  const boundary = 'liionsden-raw-upload';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const socket = connect(port, '127.0.0.1');
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: ${authorization}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  let sent = 0;
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  const response = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(received));
    socket.on('error', () => undefined); // a reset ends the response too ('close' follows)
  });
  return {
    socket,
    sendBody: (bytes) => {
      socket.write(body.subarray(sent, bytes));
      sent = Math.max(sent, bytes);
    },
    response,
  };
}

/** Polls `check` until it holds, failing after `timeoutMs` with `what`. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
