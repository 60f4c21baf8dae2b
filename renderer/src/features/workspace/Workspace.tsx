import { useCallback, useEffect, useMemo, useState } from 'react';
import { messageOf, onEvent } from '../../data/api';
import { useSettings } from '../../data/hooks';
import { type FillProgress, fillIndex, refillIndex } from '../../data/fillIndex';
import { clientIdOfNote } from '../../data/summaryIndex';
import { CaseloadPage } from '../charts';
import { lockNow } from '../../data/lock';
import { ClientPage } from '../client/ClientPage';
import { ClientList } from '../clients/ClientList';
import { saveStashedDrafts } from '../note';
import { PacketBuilder, ReviewPacketPage, ReviewPacketsPage } from '../review';
import { SearchPage } from '../search/SearchPage';
import { SettingsPage } from '../settings/SettingsPage';
import { BackupBanner } from '../backup/BackupBanner';
import { UnreadableRecordsBanner } from '../settings/UnreadableRecordsBanner';
import { ConflictsNotice } from '../sync/ConflictsNotice';
import { ConflictsPage } from '../sync/ConflictsPage';
import { conflictStore } from '../sync/conflictStore';
import { NotePage } from './NotePage';
import type { Route } from './Route';
import { useIdleLock } from './useIdleLock';
import { useShortcuts } from './useShortcuts';

/** The unlocked app: fills the index (with progress), then shows navigation and the current page. */
export function Workspace({ onRestore }: { onRestore?: () => void } = {}) {
  // null once every summary is in; until then the fraction loaded, and whether the list is usable.
  const [progress, setProgress] = useState<FillProgress | null>({ fraction: 0, clientsReady: false });
  const [error, setError] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>({ page: 'clients' });
  const [settingsVersion, setSettingsVersion] = useState(0);
  const settings = useSettings(settingsVersion);

  useEffect(() => {
    fillIndex(setProgress)
      .then(() => setProgress(null))
      // Drafts a forced lock cut off are saved as soon as the vault is open again.
      .then(() => saveStashedDrafts())
      .catch((failure) => setError(messageOf(failure)));
  }, []);

  // Changes from another computer sharing the vault: the lists and charts load them in place.
  useEffect(
    () =>
      onEvent('records:changed', () => {
        refillIndex().catch((failure) => setError(messageOf(failure)));
      }),
    [],
  );

  // The versions of records in conflict are plaintext: dropped when the workspace closes (lock).
  useEffect(() => () => conflictStore.clear(), []);

  const lock = useCallback((reason: 'user' | 'idle' = 'user') => {
    lockNow(reason).catch((failure) => setError(messageOf(failure)));
  }, []);
  const lockOnIdle = useCallback(() => lock('idle'), [lock]);
  useIdleLock(settings.autoLockMinutes, lockOnIdle);
  const shortcuts = useMemo(
    () => ({ lock: () => lock('user'), search: () => setRoute({ page: 'search' }) }),
    [lock],
  );
  useShortcuts(shortcuts);

  return (
    // "ready" once every summary is in: lists, badges and charts are complete (the UI bench waits on it).
    <div className="workspace" data-index-state={progress === null ? 'ready' : 'loading'}>
      <header className="topbar">
        <span className="brand">Attune</span>
        <nav aria-label="Main">
          <button
            type="button"
            className="link"
            aria-current={route.page === 'clients'}
            onClick={() => setRoute({ page: 'clients' })}
          >
            Clients
          </button>
          <button
            type="button"
            className="link"
            aria-current={route.page === 'search'}
            onClick={() => setRoute({ page: 'search' })}
          >
            Search
          </button>
          <button
            type="button"
            className="link"
            aria-current={route.page === 'caseload'}
            onClick={() => setRoute({ page: 'caseload' })}
          >
            Caseload
          </button>
          <button
            type="button"
            className="link"
            aria-current={route.page === 'review-packets' || route.page === 'review-packet'}
            onClick={() => setRoute({ page: 'review-packets' })}
          >
            Review packets
          </button>
          <button
            type="button"
            className="link"
            aria-current={route.page === 'settings'}
            onClick={() => setRoute({ page: 'settings' })}
          >
            Settings
          </button>
        </nav>
        <button type="button" onClick={() => lock('user')} title="Lock (Ctrl+L)">
          Lock
        </button>
      </header>
      {error && (
        <p role="alert" className="error page">
          {error}
        </p>
      )}
      {route.page !== 'settings' && <BackupBanner onOpenSettings={() => setRoute({ page: 'settings' })} />}
      {route.page !== 'conflicts' && <ConflictsNotice onReview={() => setRoute({ page: 'conflicts' })} />}
      {route.page !== 'settings' && (
        <UnreadableRecordsBanner
          loaded={progress === null}
          onOpenSettings={() => setRoute({ page: 'settings' })}
        />
      )}
      {progress !== null && (
        <div className="index-progress">
          <label htmlFor="index-progress">
            {progress.clientsReady
              ? 'Loading session and note summaries; lists and charts fill in as they arrive'
              : 'Opening your notes'}
          </label>
          <progress id="index-progress" max={1} value={progress.fraction} />
        </div>
      )}
      {progress !== null && !progress.clientsReady ? (
        <main className="page">
          <h1>Opening your notes</h1>
        </main>
      ) : (
        <CurrentPage
          route={route}
          go={setRoute}
          onSettingsSaved={() => setSettingsVersion((v) => v + 1)}
          onRestore={onRestore}
        />
      )}
    </div>
  );
}

function CurrentPage({
  route,
  go,
  onSettingsSaved,
  onRestore,
}: {
  route: Route;
  go: (route: Route) => void;
  onSettingsSaved: () => void;
  onRestore: (() => void) | undefined;
}) {
  switch (route.page) {
    case 'clients':
      return <ClientList onOpen={(clientId) => go({ page: 'client', clientId })} />;
    case 'client':
      return (
        <ClientPage
          clientId={route.clientId}
          onBack={() => go({ page: 'clients' })}
          onOpenNote={(noteId) => go({ page: 'note', noteId, clientId: route.clientId })}
          onBuildPacket={() => go({ page: 'build-packet', clientId: route.clientId })}
        />
      );
    case 'note':
      return (
        <NotePage
          noteId={route.noteId}
          clientId={route.clientId}
          onClose={() => go({ page: 'client', clientId: route.clientId })}
        />
      );
    case 'caseload':
      return (
        <CaseloadPage
          onOpenNote={(noteId) => {
            const clientId = clientIdOfNote(noteId);
            if (clientId) go({ page: 'note', noteId, clientId });
          }}
        />
      );
    case 'search':
      return (
        <SearchPage onOpen={(hit) => go({ page: 'note', noteId: hit.noteId, clientId: hit.clientId })} />
      );
    case 'settings':
      return <SettingsPage onSaved={onSettingsSaved} onRestore={onRestore} />;
    case 'conflicts':
      return <ConflictsPage />;
    case 'build-packet':
      return (
        <PacketBuilder
          clientId={route.clientId}
          onBack={() => go({ page: 'client', clientId: route.clientId })}
        />
      );
    case 'review-packets':
      return <ReviewPacketsPage onOpen={(packetId) => go({ page: 'review-packet', packetId })} />;
    case 'review-packet':
      return <ReviewPacketPage packetId={route.packetId} onBack={() => go({ page: 'review-packets' })} />;
  }
}
