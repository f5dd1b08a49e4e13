import { join } from 'node:path';

/** A per-run file where global-setup.ts leaves a migrated PGlite data directory for test files to copy. */
export function newPgliteTemplatePath(): string {
  return join(process.cwd(), '.tmp', `pglite-template-${process.pid}-${Date.now()}.tar`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string | null;
  }
}
