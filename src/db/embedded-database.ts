import { execFile } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** PGlite's mark of a finished data directory (it resumes a directory that has one, and runs initdb otherwise). */
export function isEmbeddedDatabase(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

// Run by a child Node process: PGlite at the given module URL, creating the given directory.
const CREATE = 'const [url, dir] = process.argv.slice(1); const { PGlite } = await import(url); const db = new PGlite(dir); await db.waitReady; await db.close();';

/**
 * Creates the embedded database directory `dir` in a child process. PGlite's initdb grows its WebAssembly
 * heap to ≈ 850 MB, which a process keeps until it ends; opening the finished directory takes ≈ 300 MB,
 * so the server that creates its database on first start no longer carries the rest for its whole life.
 * The directory is made under a temporary name and renamed when complete: an interrupted first start
 * leaves no half-made database to resume. An empty `dir` is replaced; anything else there is an error.
 */
export async function createEmbeddedDatabase(dir: string): Promise<void> {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new Error(`${dir} exists and is not a database (no PG_VERSION): move it away or set DATA_DIR`);
  }
  const staging = `${dir}.creating-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const pglite = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, ['--input-type=module', '-e', CREATE, pglite, staging], (err, _stdout, stderr) => {
        if (!err) resolve();
        else reject(new Error(`could not create the embedded database in ${dir}: ${lastLine(stderr) || err.message}`));
      });
    });
    if (isEmbeddedDatabase(dir)) return; // another process created it meanwhile
    if (existsSync(dir)) rmdirSync(dir); // empty, checked above
    renameSync(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
