import type { Config } from '../config.js';
import type { Logger } from '../observability/logger.js';
import { openBlobStore } from './open-blob-store.js';
import { startTempSweeper, type TempSweeper } from './temp-sweep.js';

/** The server process's sweep of abandoned uploads in the configured blob store: at start, then every 10 minutes. */
export function startServerTempSweeper(config: Config, logger: Logger): TempSweeper {
  return startTempSweeper(openBlobStore(config), {
    onSwept: (keys) => logger.info({ keys }, `temp sweep removed ${keys.length} abandoned temporary object(s)`),
    onError: (err) => logger.error({ err }, 'temp sweep failed'),
  });
}
