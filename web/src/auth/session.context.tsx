import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { fetchCurrentUser, type CurrentUser } from './auth.api.js';

interface Session {
  user: CurrentUser | null;
  loading: boolean;
  error: Error | undefined;
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session>({ user: null, loading: true, error: undefined, refresh: async () => {} });

/** Holds who is signed in; pages call `refresh()` after login/logout. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  const refresh = useCallback(async () => {
    try {
      setUser(await fetchCurrentUser());
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => void refresh(), [refresh]);
  return <SessionContext.Provider value={{ user, loading, error, refresh }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}
