import type { OrganisationTables } from '../organisations/organisation.table.js';
import type { UserTables } from '../users/user.table.js';

/**
 * The whole database type, assembled from the feature table files (`*.table.ts`).
 * Add a feature's tables by extending this interface with its table interface.
 */
export interface Database extends UserTables, OrganisationTables {
  app_meta: { key: string; value: unknown };
}
