import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config.js';

export type { Logger };

/**
 * The process's JSON logger at LOG_LEVEL: one JSON object per line on stderr, so that stdout stays
 * for what CLI commands print for their user (summaries, `parse --json`).
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    { level: config.logLevel, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** Errors only (nothing when LOG_LEVEL=silent): for CLI commands whose own output tells the user what happened. */
export function quietLogger(config: Pick<Config, 'logLevel'>): Logger {
  return createLogger({ logLevel: config.logLevel === 'silent' ? 'silent' : 'error' });
}
