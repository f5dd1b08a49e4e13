import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

export interface ServedTestApp {
  port: number;
  close(): Promise<void>;
}

/** An app behind a real HTTP server on 127.0.0.1 (a free port), served as `startServer` serves it. */
export async function serveTestApp(app: { fetch: (request: Request) => Response | Promise<Response> }): Promise<ServedTestApp> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    // Sockets a test left open (a stalled client) must not keep close() waiting.
    close: () => new Promise<void>((resolve) => {
      if ('closeAllConnections' in server) server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
