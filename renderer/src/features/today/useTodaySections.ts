import { useEffect, useMemo, useState } from 'react';
import { useClientLookup, useTodaySource } from '../../data/hooks';
import { type TodaySection, todaySections } from './todaySections';

/**
 * Today's sections from the index (main's slice for Today until everything has arrived),
 * recomputed when it changes and each minute (lateness moves).
 */
export function useTodaySections(): { sections: TodaySection[] | undefined; now: Date } {
  const source = useTodaySource();
  const clients = useClientLookup();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const sections = useMemo(
    () =>
      source && clients
        ? todaySections({ clients, sessions: source.sessions, notes: source.notes, now })
        : undefined,
    [source, clients, now],
  );
  return { sections, now };
}
