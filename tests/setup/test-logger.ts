import { createLogger, type Logger } from '../../src/observability/logger.js';

/** Errors only, through console.error: a logged error fails the test (fail-on-console-error.ts). */
export function createTestLogger(): Logger {
  return createLogger({ logLevel: 'error' }, { write: (line: string) => console.error(line.trimEnd()) });
}

/** Every line at info and above, parsed, for tests that read the log. */
export function createCapturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ logLevel: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}
