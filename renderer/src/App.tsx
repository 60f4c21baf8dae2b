import { useCallback, useEffect, useRef, useState } from 'react';
import type { LockReason } from '../../shared/ipc/events';
import { call, messageOf, onEvent } from './data/api';
import { type ActiveClientEntry, onClientEntry } from './data/clientEntryHandoff';
import { clearIndex } from './data/fillIndex';
import { lockNow } from './data/lock';
import { onNewRecoveryKey } from './data/recoveryKeyHandoff';
import { unsavedForms } from './data/unsavedForms';
import { RestoreBackup } from './features/backup/RestoreBackup';
import { ClientEntryScreen } from './features/clientEntry';
import { dropHeldKeptInVault } from './features/note/draftStash';
import { useUnsavedCloseGuard } from './features/note/useUnsavedCloseGuard';
import { CreateVault } from './features/vault/CreateVault';
import { RecoverVault } from './features/vault/RecoverVault';
import { RecoveryKeyNotice } from './features/vault/RecoveryKeyNotice';
import { UnlockVault } from './features/vault/UnlockVault';
import { UpgradedNotice } from './features/vault/UpgradedNotice';
import type { Route } from './features/workspace/Route';
import { Workspace } from './features/workspace/Workspace';

type Screen =
  | { name: 'loading' }
  | { name: 'failed'; message: string }
  | { name: 'create' }
  | {
      name: 'recovery-key';
      recoveryKey: string;
      unlocked: boolean;
      /** A new key that replaces the one shown before (recovery, Settings). */
      replaced?: boolean;
      note?: string | undefined;
    }
  | { name: 'recover' }
  /** `resume`: the page to open again once unlocked (the vault locked without being asked). */
  | { name: 'unlock'; notice: string | null; resume?: Route | undefined }
  /** Once, after the unlock that upgraded a format-1 vault: where the old copy is kept. */
  | { name: 'upgraded'; format1Copy: string }
  | { name: 'restore'; hasBackupFolder: boolean; lockedForIt?: boolean }
  /** The client fills in a form; nothing else of the vault is on screen (ClientEntryScreen). */
  | { name: 'client-entry'; entry: ActiveClientEntry }
  /** `route`: where the workspace opens (the note, after client entry); Today when absent. */
  | { name: 'workspace'; route?: Route };

const lockNotices: Record<LockReason, string | null> = {
  user: null,
  idle: 'Attune locked itself after a period of inactivity. Your drafts were saved.',
  suspend: 'Attune locked when the computer went to sleep. Your drafts were saved.',
  'screen-lock': 'Attune locked with the screen. Your drafts were saved.',
  quit: null,
  'window-stopped': 'Attune locked because its window stopped responding. Unlock to continue.',
};

/**
 * Locks the user did not ask for interrupt work: unlocking goes back to the page that was open
 * (the note being written). A lock the user asked for leaves, and unlocking starts at Today.
 */
const resumedAfter: ReadonlySet<LockReason> = new Set(['idle', 'suspend', 'screen-lock']);

const lockedWhileCreating =
  'Attune locked while your vault was being set up. The vault is ready: unlock it with your new passphrase.';
const lockedWhileReplacing =
  'Attune locked while your new recovery key was being made. The new key you just stored is the one that works now. Unlock with your passphrase.';

/** Top-level screens: first run → recovery key → unlock ↔ workspace. */
export function App() {
  const [screen, setScreen] = useState<Screen>({ name: 'loading' });
  const [location, setLocation] = useState('');
  // Changes only this window holds (a save refused) outlive a lock, not a closed window: ask first.
  useUnsavedCloseGuard();
  // The page the workspace shows (ids only: no record's content), kept for `resumedAfter` locks.
  const shownRoute = useRef<Route | undefined>(undefined);
  const onRouteChange = useCallback((route: Route) => {
    shownRoute.current = route;
  }, []);
  // What was typed into unsaved forms belongs to the vault shown; another vault starts afresh.
  useEffect(() => {
    if (location) unsavedForms.forVault(location);
  }, [location]);

  useEffect(() => {
    // Client entry outlives a reload of the window: main still refuses all but its form.
    call('clientEntry:status')
      .then((entry) => {
        if (entry.active) {
          setScreen({ name: 'client-entry', entry });
          return;
        }
        return call('vault:status').then((status) => {
          setLocation(status.location);
          if (status.state === 'absent') setScreen({ name: 'create' });
          else if (status.state === 'locked') setScreen({ name: 'unlock', notice: null });
          else setScreen({ name: 'workspace' });
        });
      })
      .catch((error) => setScreen({ name: 'failed', message: messageOf(error) }));
    const offLocked = onEvent('vault:locked', ({ reason }) => {
      clearIndex();
      dropHeldKeptInVault();
      // The one-time recovery key stays on screen until the user confirms it is stored; the
      // lock then shows the unlock screen (this event may come before or after create answers).
      setScreen((current) =>
        current.name === 'recovery-key'
          ? { ...current, unlocked: false }
          : // A restore locks the vault it replaces, and a lock during a recovery must not hide
            // the new key that recovery answers with: their screens stay.
            current.name === 'restore' || current.name === 'recover'
            ? current
            : {
                name: 'unlock',
                notice: lockNotices[reason],
                resume:
                  current.name === 'workspace' && resumedAfter.has(reason) ? shownRoute.current : undefined,
              },
      );
    });
    const offRequested = onEvent('vault:lockRequested', ({ reason }) => {
      if (reason === 'suspend' || reason === 'screen-lock') void lockNow(reason).catch(() => undefined);
    });
    // A new recovery key made in Settings: shown here, where a lock cannot take it away unseen.
    const offNewKey = onNewRecoveryKey(({ recoveryKey, unlocked, note }) =>
      setScreen({ name: 'recovery-key', recoveryKey, unlocked, replaced: true, note }),
    );
    const offClientEntry = onClientEntry((entry) => setScreen({ name: 'client-entry', entry }));
    return () => {
      offLocked();
      offRequested();
      offNewKey();
      offClientEntry();
    };
  }, []);

  const toWorkspace = useCallback(() => setScreen({ name: 'workspace' }), []);

  switch (screen.name) {
    case 'loading':
      return <p className="centered">Opening Attune…</p>;
    case 'failed':
      return (
        <p role="alert" className="centered error">
          {screen.message}
        </p>
      );
    case 'create':
      return (
        <CreateVault
          onCreated={(recoveryKey, unlocked) => setScreen({ name: 'recovery-key', recoveryKey, unlocked })}
          onRestore={() => setScreen({ name: 'restore', hasBackupFolder: false })}
          onOpenedExisting={() =>
            call('vault:status').then(
              (status) => {
                setLocation(status.location);
                setScreen(status.state === 'absent' ? { name: 'create' } : { name: 'unlock', notice: null });
              },
              (error) => setScreen({ name: 'failed', message: messageOf(error) }),
            )
          }
        />
      );
    case 'recovery-key':
      return (
        <RecoveryKeyNotice
          recoveryKey={screen.recoveryKey}
          replaced={screen.replaced}
          note={screen.note}
          onConfirmed={
            screen.unlocked
              ? toWorkspace
              : () =>
                  setScreen({
                    name: 'unlock',
                    notice: screen.replaced ? lockedWhileReplacing : lockedWhileCreating,
                  })
          }
        />
      );
    case 'recover':
      return (
        <RecoverVault
          onCancel={() => setScreen({ name: 'unlock', notice: null })}
          onRecovered={(recoveryKey, unlocked) =>
            setScreen({ name: 'recovery-key', recoveryKey, unlocked, replaced: true })
          }
        />
      );
    case 'unlock':
      return (
        <UnlockVault
          notice={screen.notice}
          location={location}
          onUnlocked={(format1Copy) =>
            setScreen(
              format1Copy === null
                ? { name: 'workspace', route: screen.resume }
                : { name: 'upgraded', format1Copy },
            )
          }
          onForgot={() => setScreen({ name: 'recover' })}
          onRestore={(hasBackupFolder) => setScreen({ name: 'restore', hasBackupFolder })}
        />
      );
    case 'upgraded':
      return <UpgradedNotice format1Copy={screen.format1Copy} onContinue={toWorkspace} />;
    case 'restore':
      return (
        <RestoreBackup
          hasBackupFolder={screen.hasBackupFolder}
          lockedForIt={screen.lockedForIt}
          onCancel={() =>
            call('vault:status').then(
              (status) =>
                setScreen(status.state === 'absent' ? { name: 'create' } : { name: 'unlock', notice: null }),
              () => setScreen({ name: 'unlock', notice: null }),
            )
          }
          onRestored={toWorkspace}
        />
      );
    case 'client-entry':
      return (
        <ClientEntryScreen
          entry={screen.entry}
          onReturned={({ noteId, clientId }) =>
            setScreen({ name: 'workspace', route: { page: 'note', noteId, clientId } })
          }
        />
      );
    case 'workspace':
      return (
        <Workspace
          initialRoute={screen.route}
          onRouteChange={onRouteChange}
          onRestore={() => {
            // The restore screen replaces the workspace: lock first, as for any other way out.
            lockNow('user')
              .catch(() => undefined)
              .then(() => call('backup:status'))
              .then(
                (status) =>
                  setScreen({ name: 'restore', hasBackupFolder: status.folder !== null, lockedForIt: true }),
                () => setScreen({ name: 'restore', hasBackupFolder: false, lockedForIt: true }),
              );
          }}
        />
      );
  }
}
