import type { TestProject } from 'vitest/node';
import { startE2eServer } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    databaseKind: 'pglite' | 'postgres';
  }
}

/** One real server per run; E2E_DATABASE_URL selects PostgreSQL, else PGlite. */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.E2E_DATABASE_URL || undefined;
  const server = await startE2eServer({ databaseUrl });
  project.provide('baseUrl', server.baseUrl);
  project.provide('databaseKind', databaseUrl ? 'postgres' : 'pglite');
  return async () => {
    await server.stop();
  };
}
