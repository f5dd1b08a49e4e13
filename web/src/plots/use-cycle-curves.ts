import { useEffect, useState } from 'react';
import type { Curve } from './curves.js';

/** Loads per-cycle curves for the chosen cycles, dropping stale answers and curves with fewer than two points. */
export function useCycleCurves(load: () => Promise<Curve[]>, cycles: number[], deps: readonly unknown[]): { curves: Curve[]; error: Error | undefined } {
  const [curves, setCurves] = useState<Curve[]>([]);
  const [error, setError] = useState<Error>();
  const key = cycles.join(',');
  useEffect(() => {
    if (cycles.length === 0) return;
    let live = true;
    load().then(
      (list) => {
        if (!live) return;
        setCurves(list.filter((c) => c.x.length > 1));
        setError(undefined);
      },
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the cycle list, `deps` for what `load` reads
  }, [key, ...deps]);
  return { curves, error };
}
