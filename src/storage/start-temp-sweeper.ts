import type { Config } from '../config.js';
import { openBlobStore } from './open-blob-store.js';
import { startTempSweeper, type TempSweeper } from './temp-sweep.js';

/** The server process's sweep of abandoned uploads in the configured blob store: at start, then every 10 minutes. */
export function startServerTempSweeper(config: Config): TempSweeper {
  const log = (line: string) => process.stderr.write(`liionsden temp sweep: ${line}\n`);
  return startTempSweeper(openBlobStore(config), {
    onSwept: (keys) => {
      if (config.logLevel === 'info' || config.logLevel === 'debug') log(`removed ${keys.length} abandoned temporary object(s): ${keys.join(', ')}`);
    },
    onError: (err) => {
      if (config.logLevel !== 'silent') log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    },
  });
}
