// One API call's state for a component: loading, its answer or its error, and a way to ask again.

import { useCallback, useEffect, useState } from 'react';

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: unknown };

export function useLoad<T>(load: () => Promise<T>, keys: unknown[]): Loaded<T> & { reload(): void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded((before) => (before.state === 'ready' && asked > 0 ? before : { state: 'loading' }));
    load().then(
      (value) => current && setLoaded({ state: 'ready', value }),
      (error: unknown) => current && setLoaded({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // The caller names what the call depends on (`keys`), as with useEffect's own list.
  }, [...keys, asked]);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  return { ...loaded, reload };
}
