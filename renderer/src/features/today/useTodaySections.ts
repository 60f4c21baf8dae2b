import { useEffect, useMemo, useState } from 'react';
import { useCaseloadChartSource, useIndexLookup } from '../../data/hooks';
import { type TodaySection, todaySections } from './todaySections';

/** Today's sections from the index, recomputed when it changes and each minute (lateness moves). */
export function useTodaySections(): { sections: TodaySection[] | undefined; now: Date } {
  const source = useCaseloadChartSource();
  const lookup = useIndexLookup();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const sections = useMemo(
    () =>
      source && lookup
        ? todaySections({ clients: lookup.clients, sessions: source.sessions, notes: source.notes, now })
        : undefined,
    [source, lookup, now],
  );
  return { sections, now };
}
