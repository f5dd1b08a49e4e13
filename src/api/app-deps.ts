import type { Config } from '../config.js';
import type { Db, DatabaseKind } from '../db/database.js';
import type { Logger } from '../observability/logger.js';

/** Everything a request handler may need, passed in once when the app is built. */
export interface AppDeps {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
  logger: Logger;
  /** The clock of time-based answers (the channel monitor); tests set it instead of sleeping. */
  now?: () => Date;
  /** Set when the process is shutting down (SIGTERM): /api/ready answers 503 so load balancers stop sending work. */
  lifecycle?: { draining: boolean };
}
