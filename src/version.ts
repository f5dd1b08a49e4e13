import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Liionsden's version, from the nearest package.json named `liionsden` above this module: found
 * from src/ (tests), dist/ (the build) and a bundle alike; 'unknown' when there is none.
 */
export const VERSION: string = findVersion(dirname(fileURLToPath(import.meta.url)));

function findVersion(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'liionsden' && pkg.version) return pkg.version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
