import { ForbiddenError, UnauthenticatedError } from '../domain/errors.js';
import type { RecordStatus } from '../db/record-columns.js';
import { isMaintainer, type Viewer } from './viewer.js';

/** Roles that may add records. A user manager is an account administrator who also contributes data. */
const CREATOR_ROLES = new Set(['contributor', 'maintainer', 'user_manager', 'administrator']);

export function canCreate(viewer: Viewer): boolean {
  return viewer.userId !== null && CREATOR_ROLES.has(viewer.role);
}

/**
 * May `viewer` edit or delete this (visible) record? Maintainers and administrators: always.
 * Owners: while private, or always when the entity is not locked once public (experiments, data files).
 */
export function canEdit(viewer: Viewer, record: { owner_id: number | null; status: RecordStatus }, lockedWhenPublic: boolean): boolean {
  if (isMaintainer(viewer)) return true;
  if (!canCreate(viewer) || record.owner_id !== viewer.userId) return false;
  return record.status === 'private' || !lockedWhenPublic;
}

export function assertCanCreate(viewer: Viewer, what: string): void {
  if (viewer.userId === null) throw new UnauthenticatedError();
  if (!canCreate(viewer)) throw new ForbiddenError(`Your role (${viewer.role}) may not add ${what}`);
}

export function assertCanEdit(viewer: Viewer, record: { owner_id: number | null; status: RecordStatus }, lockedWhenPublic: boolean): void {
  if (viewer.userId === null) throw new UnauthenticatedError();
  if (!canEdit(viewer, record, lockedWhenPublic)) {
    const why = record.owner_id === viewer.userId ? 'it is public shared data (only maintainers edit it)' : 'you do not own it';
    throw new ForbiddenError(`You may not change this record: ${why}`);
  }
}
