import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session.context.js';
import { ErrorMessage } from '../ui/error-message.js';

/** Sends visitors who are not signed in to the sign-in page, remembering where they were going. */
export function RequireSignIn() {
  const { user, loading, error } = useSession();
  const location = useLocation();
  if (loading) return <p aria-busy="true">Loading…</p>;
  if (error) return <ErrorMessage error={error} />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}
