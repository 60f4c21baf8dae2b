import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import { defaultSettings, type Settings } from '../../../shared/domain/settingsSchema';
import type { NoteSummary } from '../../../shared/summaries/noteSummary';
import { call } from './api';
import { index } from './indexDb';

/** Every client in the index, sorted by code. */
export function useClients(): Client[] | undefined {
  return useLiveQuery(() => index.clients.orderBy('code').toArray(), []);
}

export function useClient(clientId: string): Client | undefined {
  return useLiveQuery(() => index.clients.get(clientId), [clientId]);
}

export interface SessionRow {
  session: Session;
  note: NoteSummary | undefined;
}

/** A client's sessions in date order, each with its note summary if there is one. */
export function useSessionRows(clientId: string): SessionRow[] | undefined {
  return useLiveQuery(async () => {
    const [sessions, notes] = await Promise.all([
      index.sessions.where('clientId').equals(clientId).sortBy('startsAt'),
      index.notes.where('clientId').equals(clientId).toArray(),
    ]);
    const bySession = new Map(notes.map((n) => [n.sessionId, n]));
    return sessions.map((session) => ({ session, note: bySession.get(session.id) }));
  }, [clientId]);
}

/** Session counts and last session date per client, for the client list. */
export function useClientActivity(): Map<string, { sessions: number; last: string | null }> | undefined {
  return useLiveQuery(async () => {
    const activity = new Map<string, { sessions: number; last: string | null }>();
    await index.sessions.each((s) => {
      const entry = activity.get(s.clientId) ?? { sessions: 0, last: null };
      entry.sessions += 1;
      if (!entry.last || s.startsAt > entry.last) entry.last = s.startsAt;
      activity.set(s.clientId, entry);
    });
    return activity;
  }, []);
}

/** The user's settings, reloaded when `version` changes. */
export function useSettings(version = 0): Settings {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the reload trigger, bumped after settings are saved.
  useEffect(() => {
    let current = true;
    call('settings:get')
      .then((value) => current && setSettings(value))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [version]);
  return settings;
}
