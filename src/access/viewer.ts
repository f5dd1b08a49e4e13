import type { Role } from '../users/user.table.js';

/** Who is asking. Built once per request (see auth/viewer.middleware.ts) and passed to every read and write. */
export interface Viewer {
  /** null for an anonymous visitor. */
  userId: number | null;
  role: Role | 'anonymous';
  institutionId: number | null;
  /** Copied from config.anonymousRead so the scope needs nothing else. */
  anonymousRead: boolean;
}

export function anonymousViewer(anonymousRead: boolean): Viewer {
  return { userId: null, role: 'anonymous', institutionId: null, anonymousRead };
}

/** Maintainers and administrators see every non-deleted record and may edit anything. */
export function isMaintainer(viewer: Viewer): boolean {
  return viewer.role === 'maintainer' || viewer.role === 'administrator';
}

export function canManageUsers(viewer: Viewer): boolean {
  return viewer.role === 'user_manager' || viewer.role === 'administrator';
}
