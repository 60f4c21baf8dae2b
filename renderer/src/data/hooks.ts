import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Client } from '../../../shared/domain/clientSchema';
import type { Session } from '../../../shared/domain/sessionSchema';
import { defaultSettings, type Settings } from '../../../shared/domain/settingsSchema';
import type { Measure } from '../../../shared/measures/measureSchema';
import { call } from './api';
import {
  type CaseloadSource,
  type ClientActivity,
  type ClientSource,
  type SessionRow,
  summaryIndex,
  type TodaySource,
} from './summaryIndex';

export type { CaseloadSource, ClientSource, SessionRow } from './summaryIndex';

/** A view of the index, re-read after every change (each view is the same object until then). */
function useIndex<T>(read: () => T): T {
  return useSyncExternalStore(summaryIndex.subscribe, read);
}

/** Every client in the index, sorted by code; undefined while loading. */
export function useClients(): Client[] | undefined {
  return useIndex(() => summaryIndex.clients());
}

/** One client: undefined while loading, null if there is no such client. */
export function useClient(clientId: string): Client | null | undefined {
  return useIndex(() => summaryIndex.client(clientId));
}

/** A client's sessions in date order, each with its note summary if there is one. */
export function useSessionRows(clientId: string): SessionRow[] | undefined {
  return useIndex(() => summaryIndex.sessionRows(clientId));
}

/** Session counts and last session date per client, for the client list. */
export function useClientActivity(): ReadonlyMap<string, ClientActivity> | undefined {
  return useIndex(() => summaryIndex.activity());
}

/** The session a note was written for, once the index has it. */
export function useSessionOfNote(noteId: string): Session | undefined {
  return useIndex(() => summaryIndex.sessionOfNote(noteId));
}

/** One client's chart data: undefined while loading, updated whenever the index changes. */
export function useClientChartSource(clientId: string): ClientSource | undefined {
  return useIndex(() => summaryIndex.clientSource(clientId));
}

/** A client's outcome measures, earliest first: undefined while loading. */
export function useClientMeasures(clientId: string): readonly Measure[] | undefined {
  return useIndex(() => summaryIndex.clientMeasures(clientId));
}

/** Every outcome measure, earliest first (Today's flags): undefined while loading. */
export function useAllMeasures(): readonly Measure[] | undefined {
  return useIndex(() => summaryIndex.measures());
}

/** The caseload's chart data: undefined while loading. */
export function useCaseloadChartSource(): CaseloadSource | undefined {
  return useIndex(() => summaryIndex.caseloadSource());
}

/** Every client by id: undefined while loading. */
export function useClientLookup(): ReadonlyMap<string, Client> | undefined {
  return useIndex(() => summaryIndex.clientMap());
}

/** Today's sessions and notes: main's slice for Today first, everything once it has arrived. */
export function useTodaySource(): TodaySource | undefined {
  return useIndex(() => summaryIndex.todaySource());
}

/** Clients and sessions by id, for naming search results. */
export function useIndexLookup() {
  return useIndex(() => summaryIndex.lookup());
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
