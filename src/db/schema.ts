/**
 * The whole database type, assembled from the feature table files (`*.table.ts`).
 * Add a feature's tables by extending this interface with its table interface.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
