import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { messageOf, onEvent } from '../../data/api';
import { type FillProgress, fillIndex, refillIndex } from '../../data/fillIndex';
import { useSettings } from '../../data/hooks';
import { lockNow } from '../../data/lock';
import { clientIdOfNote } from '../../data/summaryIndex';
import { saveTheme } from '../../theme/theme';
import { BackupBanner } from '../backup/BackupBanner';
import { CaseloadPage } from '../charts';
import { ClientPage } from '../client/ClientPage';
import { ClientList } from '../clients/ClientList';
import { saveStashedDrafts } from '../note';
import { PacketBuilder, ReviewPacketPage, ReviewPacketsPage } from '../review';
import { SearchPage } from '../search/SearchPage';
import { SettingsPage } from '../settings/SettingsPage';
import { showSettingsSection } from '../settings/settingsSections';
import { UnreadableRecordsBanner } from '../settings/UnreadableRecordsBanner';
import { ConflictsNotice } from '../sync/ConflictsNotice';
import { ConflictsPage } from '../sync/ConflictsPage';
import { conflictStore } from '../sync/conflictStore';
import { TodayPage } from '../today/TodayPage';
import { RecoveryKeyReminder } from '../vault/RecoveryKeyReminder';
import { CommandPalette } from './CommandPalette';
import { HeldChangesBanner } from './HeldChangesBanner';
import { NotePage } from './NotePage';
import { ProcessNotePage } from './ProcessNotePage';
import { newClientAction, noteActions, type PaletteAction, settingsHeadingOf } from './paletteActions';
import { findButton, pressWhenReady } from './pressButton';
import { closeRoute, openedFrom, type Route } from './Route';
import { Sidebar } from './Sidebar';
import { useFocusOnNewPage } from './useFocusOnNewPage';
import { useSidebarCollapsed } from './useSidebarCollapsed';
import './workspace.css';
import { useIdleLock } from './useIdleLock';
import { useShortcuts } from './useShortcuts';

/**
 * The unlocked app: fills the index (with progress), then shows the sidebar and the current page,
 * Today first; Ctrl/Cmd+K opens the command palette.
 */
export function Workspace({
  onRestore,
  initialRoute,
  onRouteChange,
}: {
  onRestore?: () => void;
  /** Where to open (the note, coming back from client entry or from a lock); Today when absent. */
  initialRoute?: Route | undefined;
  /** Told of each page shown, so that a lock the user did not ask for can come back to it. */
  onRouteChange?: (route: Route) => void;
} = {}) {
  // null once every summary is in; until then the fraction loaded, and whether the list is usable.
  const [progress, setProgress] = useState<FillProgress | null>({ fraction: 0, clientsReady: false });
  const [error, setError] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>(initialRoute ?? { page: 'today' });
  // A note opened remembers the page it was opened from: closing it goes back there.
  const go = useCallback((to: Route) => setRoute((from) => openedFrom(to, from)), []);
  const [settingsVersion, setSettingsVersion] = useState(0);
  const settings = useSettings(settingsVersion);
  useEffect(() => onRouteChange?.(route), [route, onRouteChange]);

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
  const main = useRef<HTMLDivElement>(null);
  // Open: the names of the open note's buttons the palette can press (none off a note).
  const [palette, setPalette] = useState<readonly string[] | null>(null);
  const openPalette = useCallback(() => {
    const page = main.current;
    const onNote = route.page === 'note' && page !== null;
    setPalette(onNote ? noteActions.map((a) => a.label).filter((name) => findButton(page, name)) : []);
  }, [route]);
  const shortcuts = useMemo(
    () => ({
      lock: () => lock('user'),
      search: () => setRoute({ page: 'search' }),
      palette: openPalette,
    }),
    [lock, openPalette],
  );
  useShortcuts(shortcuts);
  const [collapsed, toggleSidebar] = useSidebarCollapsed();
  // A button the palette asked for, pressed once its page shows it (dropped if the page changes).
  const [press, setPress] = useState<{ button: string; on: Route } | null>(null);
  useEffect(() => {
    return press?.on === route ? pressWhenReady(() => main.current, press.button) : undefined;
  }, [press, route]);
  const run = useCallback(
    (action: PaletteAction) => {
      setPalette(null);
      switch (action.kind) {
        case 'go':
          return go(action.route);
        case 'lock':
          return lock('user');
        case 'theme':
          return void saveTheme(action.theme).catch((failure) => setError(messageOf(failure)));
        case 'press': {
          const on = action.route ?? route;
          setRoute(on);
          return setPress({ button: action.button, on });
        }
      }
    },
    [lock, route, go],
  );
  const opening = progress !== null && !progress.clientsReady;
  // "Opening your notes" is a page of its own: the route's page replaces it once the clients are in.
  useFocusOnNewPage(opening ? null : route, () => main.current);

  return (
    // "ready" once every summary is in: lists, badges and charts are complete (the UI bench waits on it).
    <div
      className={collapsed ? 'workspace with-sidebar sidebar-collapsed' : 'workspace with-sidebar'}
      data-index-state={progress === null ? 'ready' : 'loading'}
    >
      <Sidebar
        route={route}
        go={go}
        collapsed={collapsed}
        onToggle={toggleSidebar}
        onPalette={openPalette}
        onLock={() => lock('user')}
      />
      <div className="workspace-main" ref={main}>
        {error && (
          <p role="alert" className="error page">
            {error}
          </p>
        )}
        <HeldChangesBanner go={go} />
        {route.page !== 'settings' && (
          <BackupBanner onOpenSettings={() => setRoute({ page: 'settings', section: 'backups' })} />
        )}
        {route.page !== 'conflicts' && <ConflictsNotice onReview={() => setRoute({ page: 'conflicts' })} />}
        {route.page !== 'settings' && (
          <RecoveryKeyReminder onMakeNew={() => setRoute({ page: 'settings', section: 'security' })} />
        )}
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
        {opening ? (
          <main className="page">
            <h1>Opening your notes</h1>
          </main>
        ) : (
          <CurrentPage
            route={route}
            go={go}
            onSettingsSaved={() => setSettingsVersion((v) => v + 1)}
            onRestore={onRestore}
            onNewClient={() => run(newClientAction)}
          />
        )}
      </div>
      {palette && <CommandPalette noteButtons={palette} onClose={() => setPalette(null)} onRun={run} />}
    </div>
  );
}

function CurrentPage({
  route,
  go,
  onSettingsSaved,
  onRestore,
  onNewClient,
}: {
  route: Route;
  go: (route: Route) => void;
  onSettingsSaved: () => void;
  onRestore: (() => void) | undefined;
  onNewClient: () => void;
}) {
  switch (route.page) {
    case 'today':
      return (
        <TodayPage
          newNoteFor={route.newNoteFor}
          onOpenNote={(noteId, clientId) => go({ page: 'note', noteId, clientId })}
          onOpenProcessNote={(sessionId, clientId) => go({ page: 'process-note', sessionId, clientId })}
          onOpenClient={(clientId) => go({ page: 'client', clientId })}
          onNewClient={onNewClient}
        />
      );
    case 'clients':
      return <ClientList onOpen={(clientId) => go({ page: 'client', clientId })} />;
    case 'client':
      return (
        <ClientPage
          clientId={route.clientId}
          onBack={() => go({ page: 'clients' })}
          onOpenNote={(noteId) => go({ page: 'note', noteId, clientId: route.clientId })}
          onOpenProcessNote={(sessionId) => go({ page: 'process-note', sessionId, clientId: route.clientId })}
          onBuildPacket={() => go({ page: 'build-packet', clientId: route.clientId })}
        />
      );
    case 'note':
      return (
        <NotePage
          noteId={route.noteId}
          clientId={route.clientId}
          onClose={() => go(closeRoute(route))}
          onOpenClient={() => go({ page: 'client', clientId: route.clientId })}
        />
      );
    case 'process-note':
      return (
        <ProcessNotePage
          sessionId={route.sessionId}
          clientId={route.clientId}
          onOpenNote={(noteId) => go({ page: 'note', noteId, clientId: route.clientId })}
          onClose={() => go(closeRoute(route))}
        />
      );
    case 'caseload':
      return (
        <CaseloadPage
          onOpenNote={(noteId) => {
            const clientId = clientIdOfNote(noteId);
            if (clientId) go({ page: 'note', noteId, clientId });
          }}
          onNewNote={() => go({ page: 'today', newNoteFor: { clientId: null } })}
        />
      );
    case 'search':
      return (
        <SearchPage
          key={route.query ?? ''}
          initialQuery={route.query}
          onOpen={(hit) => go({ page: 'note', noteId: hit.noteId, clientId: hit.clientId })}
          onOpenClient={(clientId) => go({ page: 'client', clientId })}
        />
      );
    case 'settings':
      return <SettingsAt route={route} onSaved={onSettingsSaved} onRestore={onRestore} />;
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

/** Settings, brought to `route.section` (the palette's "Settings → Appearance"…) each time it is asked for. */
function SettingsAt({
  route,
  onSaved,
  onRestore,
}: {
  route: Extract<Route, { page: 'settings' }>;
  onSaved: () => void;
  onRestore: (() => void) | undefined;
}) {
  useEffect(() => {
    if (route.section) showSettingsSection(settingsHeadingOf[route.section]);
  }, [route]);
  return <SettingsPage section={route.section} onSaved={onSaved} onRestore={onRestore} />;
}
