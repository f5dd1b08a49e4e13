import { useEffect } from 'react';

const POLL_MS = 1500;

/** Calls `reload` every 1.5 s while `active` (a data file still being parsed), and stops when it is not. */
export function useReloadWhile(active: boolean, reload: () => void): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [active, reload]);
}
