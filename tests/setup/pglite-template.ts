import { join } from 'node:path';

/** Where global-setup.ts leaves a migrated PGlite data directory for test files to copy. */
export const pgliteTemplatePath = join(process.cwd(), '.tmp', 'pglite-template.tar');
