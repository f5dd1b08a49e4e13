import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { readRange } from './local-file.js';

/** A 4xx answer: about this file (not the server's health), so not retried until the file changes or the next scan. */
export class HarvestRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: { code?: string; message?: string; [k: string]: unknown } },
  ) {
    super(`HTTP ${status}: ${body.error?.message ?? 'no message'}`);
    this.name = 'HarvestRequestError';
  }
}

export interface HarvestApiOptions {
  server: string;
  token: string;
  /** First back-off after a failed request (doubles to maxBackoffMs); the server being down never loses or skips a file. */
  backoffMs?: number;
  maxBackoffMs?: number;
  signal?: AbortSignal;
  onRetry?: (what: string, err: unknown, waitMs: number) => void;
  /** Sent as X-Liionsden-Harvester on every request: the server marks the files it feeds (channel monitor). */
  harvesterName?: string;
}

/** What POST /api/v1/harvesters/heartbeat takes (src/monitor/monitor.schemas.ts). */
export interface HeartbeatBody {
  name: string;
  host: string;
  version: string;
  startedAt: string;
  intervalS: number;
  pathsCount: number;
  files: number;
  lastScan: Record<string, number> | null;
  lastError: string | null;
}

export interface AppendAnswer {
  dataFileId: number;
  sizeBytes: number;
  sha256: string;
}

/** The harvester's client of the Liionsden API (bearer token): upload, append, find by name; retries while the server is unreachable. */
export class HarvestApi {
  constructor(private readonly opts: HarvestApiOptions) {}

  /** Uploads [0, end) of a local file as a new data file of the experiment; its name is the file's path under the watched folder. */
  async upload(experimentId: number, path: string, name: string, end: number, links: { equipmentId?: number | null; deviceIds?: number[] } = {}): Promise<{ dataFileId: number }> {
    const boundary = `liionsden-${randomUUID()}`;
    const fileName = name.split('/').pop()!.replace(/"/g, '');
    const body = async function* () {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n${name}\r\n`);
      if (links.equipmentId) yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="equipmentId"\r\n\r\n${links.equipmentId}\r\n`);
      if (links.deviceIds?.length) yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="deviceIds"\r\n\r\n${links.deviceIds.join(',')}\r\n`);
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
      yield* readRange(path, 0, end);
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    };
    return this.send(`upload ${name}`, `/api/v1/experiments/${experimentId}/files`, 'POST', { 'content-type': `multipart/form-data; boundary=${boundary}` }, body);
  }

  /** Sends [offset, end) of a local file to grow its data file (offset 0: replace it). */
  async append(dataFileId: number, path: string, offset: number, end: number, tailSha256: string | null): Promise<AppendAnswer> {
    const query = new URLSearchParams({ offset: String(offset), ...(tailSha256 ? { tailSha256 } : {}) });
    return this.send(`append to data file ${dataFileId}`, `/api/v1/data-files/${dataFileId}/append?${query}`, 'POST', { 'content-type': 'application/octet-stream' }, () => readRange(path, offset, end));
  }

  /** The live data file of the experiment with this name, if any (a harvester that lost its state finds its files again). */
  async findByName(experimentId: number, name: string): Promise<{ id: number; size_bytes: number; sha256: string } | null> {
    const query = new URLSearchParams({ experiment_id: String(experimentId), name, page_size: '2' });
    const page = await this.send<{ items: { id: number; size_bytes: number; sha256: string }[] }>(`find ${name}`, `/api/v1/data-files?${query}`, 'GET', {}, null);
    return page.items[0] ?? null;
  }

  /** Reports that the harvester runs, once: no retry (the next heartbeat follows within a minute). */
  async heartbeat(beat: HeartbeatBody): Promise<void> {
    const json = Buffer.from(JSON.stringify(beat));
    await this.send('heartbeat', '/api/v1/harvesters/heartbeat', 'POST', { 'content-type': 'application/json' }, async function* () { yield json; }, false);
  }

  /** One JSON request, retried with back-off while the server is unreachable or answers 5xx/429 (unless `retry` is false); a 4xx throws HarvestRequestError. */
  async send<T>(what: string, path: string, method: string, headers: Record<string, string>, body: (() => AsyncIterable<Uint8Array>) | null, retry = true): Promise<T> {
    let wait = this.opts.backoffMs ?? 1000;
    for (;;) {
      this.opts.signal?.throwIfAborted();
      let res: Response | undefined;
      let failure: unknown;
      try {
        res = await fetch(new URL(path, this.opts.server), {
          method,
          headers: { authorization: `Bearer ${this.opts.token}`, ...(this.opts.harvesterName ? { 'x-liionsden-harvester': this.opts.harvesterName } : {}), ...headers },
          body: body ? (Readable.toWeb(Readable.from(body())) as ReadableStream) : undefined,
          signal: this.opts.signal,
          ...(body ? { duplex: 'half' } : {}),
        } as RequestInit);
      } catch (err) {
        if (this.opts.signal?.aborted) throw err;
        failure = err; // unreachable, reset, DNS: the server is down or restarting
      }
      if (res && res.status < 500 && res.status !== 429) {
        const json = (await res.json().catch(() => ({}))) as T & HarvestRequestError['body'];
        if (!res.ok) throw new HarvestRequestError(res.status, json);
        return json;
      }
      if (res) failure = new Error(`HTTP ${res.status}: ${await res.text().catch(() => '')}`.slice(0, 300));
      if (!retry) throw failure;
      this.opts.onRetry?.(what, failure, wait);
      await sleep(wait, undefined, { signal: this.opts.signal });
      wait = Math.min(wait * 2, this.opts.maxBackoffMs ?? 60_000);
    }
  }
}
