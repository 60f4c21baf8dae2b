import { useEffect, useMemo, useState } from 'react';
import { useAllMeasures, useClientLookup, useSettings, useTodaySource } from '../../data/hooks';
import { measureFollowUpSection, type TodaySection, todaySections } from './todaySections';

/**
 * Today's sections from the index (main's slice for Today until everything has arrived),
 * recomputed when it changes and each minute (lateness moves).
 */
export function useTodaySections(): { sections: TodaySection[] | undefined; now: Date } {
  const source = useTodaySource();
  const measures = useAllMeasures();
  const clients = useClientLookup();
  // The overdue and late-entry limits; the defaults until the settings arrive (one small call).
  const { lateEntryAfterHours, draftReminderDays } = useSettings();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const sections = useMemo(
    () =>
      source && clients
        ? todaySections(
            {
              clients,
              sessions: source.sessions,
              notes: source.notes,
              now,
              olderUnfinished: source.olderUnfinished,
            },
            { lateEntryAfterHours, draftReminderDays },
          )
        : undefined,
    [source, clients, now, lateEntryAfterHours, draftReminderDays],
  );
  // Measures to follow up, once the measures have arrived (a section of its own, after the others).
  const withMeasures = useMemo(
    () =>
      sections && source && clients && measures && measures.length > 0
        ? [
            ...sections,
            measureFollowUpSection(measures, { clients, sessions: source.sessions, notes: source.notes }),
          ]
        : sections,
    [sections, source, clients, measures],
  );
  return { sections: withMeasures, now };
}
