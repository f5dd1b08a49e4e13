// Writes the server's OpenAPI document to web/openapi.json and its TypeScript types to
// web/src/api/schema.d.ts. Both are committed so API changes show up in review.
// Runs the built server in-process (npm run gen:api builds it first) on a throw-away database.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../dist/config.js';
import { startServer } from '../../dist/server.js';

const webDir = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'liionsden-gen-api-'));
const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', WORKERS: '0' }));
try {
  const res = await fetch(`${server.url}/api/openapi.json`);
  if (!res.ok) throw new Error(`GET /api/openapi.json answered ${res.status}`);
  const spec = await res.json();
  writeFileSync(join(webDir, 'openapi.json'), JSON.stringify(spec, null, 2) + '\n');
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
execFileSync(join(webDir, '..', 'node_modules', '.bin', 'openapi-typescript'), [join(webDir, 'openapi.json'), '-o', join(webDir, 'src', 'api', 'schema.d.ts')], { stdio: 'inherit' });
console.log('wrote web/openapi.json and web/src/api/schema.d.ts');
