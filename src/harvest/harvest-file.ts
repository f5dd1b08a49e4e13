import { stat } from 'node:fs/promises';
import { APPEND_TAIL_BYTES } from '../ingest/append.service.js';
import { HarvestRequestError, type HarvestApi } from './harvest-api.js';
import type { FileTarget } from './file-target.js';
import type { HarvestedFile, PendingSend } from './harvest-state.js';
import { sendableEnd, sha256Range } from './local-file.js';

/** What a scan did with one file. */
export type FileAction = 'unchanged' | 'waiting' | 'uploaded' | 'appended' | 'replaced' | 'adopted';

export interface FileContext extends FileTarget {
  api: HarvestApi;
  /** Absolute path of the file, and its name on the server (its path under the watched folder). */
  path: string;
  name: string;
  /** Persists the entry (called before every send, so a crash mid-send is retried with the same bytes). */
  save(entry: HarvestedFile): Promise<void>;
}

/**
 * Brings one file's data file up to date: a new file is uploaded, a grown one appended (only the new
 * complete lines), a rewritten one (its stored prefix changed, or it shrank) replaced as a new version
 * of the same data file. Every send is recorded as pending before it starts, and a pending send is
 * finished first, with exactly the bytes it started with, so a kill at any point neither loses nor
 * repeats rows. Only the last 64 KiB before a send's end is hashed: a growing file is not read whole.
 */
export async function harvestFile(ctx: FileContext, known: HarvestedFile | undefined): Promise<{ entry: HarvestedFile; action: FileAction }> {
  const s = await stat(ctx.path);
  let entry = known;
  if (entry && !entry.pending && entry.size === s.size && entry.mtimeMs === s.mtimeMs) return { entry, action: 'unchanged' };
  if (entry?.pending) entry = await finishPending(ctx, entry);
  if (!entry || entry.dataFileId === null) entry = await adoptExisting(ctx);

  const end = await sendableEnd(ctx.path, s.size);
  const seen = { size: s.size, mtimeMs: s.mtimeMs };
  if (!entry) {
    if (end === 0) return { entry: { dataFileId: null, stored: 0, tailSha256: '', size: s.size, mtimeMs: s.mtimeMs }, action: 'waiting' };
    return { entry: await sendPending(ctx, { dataFileId: null, stored: 0, tailSha256: '', ...seen }, { kind: 'upload', offset: 0, end, tailSha256: await tailOf(ctx.path, end) }), action: 'uploaded' };
  }
  if (end === entry.stored && (await tailOf(ctx.path, end)) === entry.tailSha256) {
    return { entry: { ...entry, ...seen, lastError: undefined }, action: known === entry ? 'unchanged' : 'adopted' };
  }
  // Shorter, or the same length with other bytes, or nothing of it stored: rewritten, a new version of the whole file.
  if (end <= entry.stored || entry.stored === 0) return { entry: await replace(ctx, entry, end, seen), action: 'replaced' };
  const pending: PendingSend = { kind: 'append', offset: entry.stored, end, tailSha256: await tailOf(ctx.path, end) };
  try {
    return { entry: await sendPending(ctx, { ...entry, ...seen }, pending), action: 'appended' };
  } catch (err) {
    if (!(err instanceof HarvestRequestError && err.status === 409)) throw err;
    // The stored prefix is not ours any more (the file was rewritten): a new version of the whole file.
    return { entry: await replace(ctx, entry, end, seen), action: 'replaced' };
  }
}

async function replace(ctx: FileContext, entry: HarvestedFile, end: number, seen: { size: number; mtimeMs: number }): Promise<HarvestedFile> {
  return sendPending(ctx, { ...entry, ...seen }, { kind: 'replace', offset: 0, end, tailSha256: await tailOf(ctx.path, end) });
}

/** Records the send as pending, sends it, and records what the server then holds. */
async function sendPending(ctx: FileContext, entry: HarvestedFile, pending: PendingSend): Promise<HarvestedFile> {
  await ctx.save({ ...entry, pending });
  return finishPending(ctx, { ...entry, pending });
}

async function finishPending(ctx: FileContext, entry: HarvestedFile): Promise<HarvestedFile> {
  const p = entry.pending!;
  const done = async (dataFileId: number): Promise<HarvestedFile> => ({ dataFileId, stored: p.end, tailSha256: await tailOf(ctx.path, p.end), size: entry.size, mtimeMs: entry.mtimeMs });
  // The file no longer starts with the bytes this send started with: it was rewritten; start over from the server's view.
  if ((await tailOf(ctx.path, p.end).catch(() => null)) !== p.tailSha256) return resync(ctx, entry);
  if (p.kind === 'upload') {
    try {
      return done((await ctx.api.upload(ctx.experimentId, ctx.path, ctx.name, p.end, ctx)).dataFileId);
    } catch (err) {
      // Landed before a crash: the server names the data file that holds these very bytes.
      const existing = err instanceof HarvestRequestError && err.status === 409 ? (err.body.error?.dataFileId as number | undefined) : undefined;
      if (existing) return done(existing);
      throw err;
    }
  }
  const tail = p.offset === 0 ? null : await tailOf(ctx.path, p.offset);
  try {
    return done((await ctx.api.append(entry.dataFileId!, ctx.path, p.offset, p.end, tail)).dataFileId);
  } catch (err) {
    const stored = err instanceof HarvestRequestError && err.status === 409 ? err.body.error : undefined;
    if (stored?.storedSize === p.end && stored.tailSha256 === p.tailSha256) return done(entry.dataFileId!); // landed before a crash
    if (stored) return resync(ctx, { ...entry, pending: undefined });
    throw err;
  }
}

/** Lost or stale state: find the data file by name and take the server's size as stored when its bytes are our prefix. */
async function resync(ctx: FileContext, entry: HarvestedFile): Promise<HarvestedFile> {
  const adopted = await adoptExisting(ctx);
  return adopted ?? { ...entry, pending: undefined, stored: 0, tailSha256: '' };
}

async function adoptExisting(ctx: FileContext): Promise<HarvestedFile | undefined> {
  const found = await ctx.api.findByName(ctx.experimentId, ctx.name);
  if (!found) return undefined;
  const s = await stat(ctx.path);
  const ours = found.size_bytes <= s.size && (await sha256Range(ctx.path, 0, found.size_bytes)) === found.sha256;
  // Ours: continue from what it holds. Not ours (rewritten since): stored 0 makes the next step replace it.
  return { dataFileId: found.id, stored: ours ? found.size_bytes : 0, tailSha256: ours ? await tailOf(ctx.path, found.size_bytes) : '', size: -1, mtimeMs: 0 };
}

function tailOf(path: string, end: number): Promise<string> {
  return sha256Range(path, Math.max(0, end - APPEND_TAIL_BYTES), end);
}
