import './backup.css';
import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import type { BackupSetListing, RestoreResult } from '../../../../shared/ipc/contract';
import { plural } from '../../../../shared/plural';
import { ProgressLine } from '../../components/ProgressLine';
import { useFocusOnOpen } from '../../components/useFocusOnOpen';
import { call, messageOf } from '../../data/api';
import { useTaskProgress } from '../../data/useTaskProgress';
import { formatAgo, formatDateTimeSeconds } from '../../format/dates';

type Step =
  | { name: 'find' }
  | { name: 'choose'; folder: string; sets: BackupSetListing[] }
  | { name: 'done'; result: RestoreResult };

/**
 * Restore from a backup, in three steps: the passphrase and where the backups are; the backups
 * found, with their dates and counts; then the restore itself. Main verifies the backup, copies it
 * into a new vault folder and keeps the current vault aside: nothing is overwritten or deleted.
 */
export function RestoreBackup({
  hasBackupFolder,
  lockedForIt = false,
  onCancel,
  onRestored,
}: {
  hasBackupFolder: boolean;
  /** Opened from an unlocked vault (Settings → Backups), which Attune locked to restore: said, so it is no surprise. */
  lockedForIt?: boolean;
  onCancel: () => void;
  onRestored: () => void;
}) {
  const id = useId();
  const [step, setStep] = useState<Step>({ name: 'find' });
  const [passphrase, setPassphrase] = useState('');
  const [chosen, setChosen] = useState<{ vaultId: string; generation: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const container = useFocusOnOpen<HTMLElement>({ open: true });
  const [restoring, setRestoring] = useState(false);
  const progress = useTaskProgress('restore', restoring);

  async function find(choose: boolean) {
    if (!passphrase) return setError('Enter the passphrase the vault had when the backup was made.');
    setError(null);
    setBusy('Looking for backups and reading them with your passphrase…');
    try {
      const found = await call('backup:listGenerations', { passphrase, choose });
      if (!found) return; // the folder dialog was cancelled
      if (found.sets.every((set) => set.generations.length === 0)) {
        return setError(`No Attune backups were found in ${found.folder}. Choose the folder you back up to.`);
      }
      const all = found.sets.flatMap((set) => set.generations);
      if (!all.some((g) => g.readable)) {
        return setError(`None of the backups in ${found.folder} can be restored: ${all[0]?.problem ?? ''}`);
      }
      const first = found.sets.flatMap((set) =>
        set.generations.filter((g) => g.readable).map((g) => ({ vaultId: set.vaultId, generation: g.name })),
      )[0];
      setChosen(first ?? null);
      setStep({ name: 'choose', folder: found.folder, sets: found.sets });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(null);
    }
  }

  async function restore(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return setError('Choose a backup to restore.');
    setError(null);
    setBusy('Restoring: checking the backup, copying it into a new vault folder and checking the copy…');
    setRestoring(true);
    try {
      const result = await call('backup:restore', { ...chosen, passphrase });
      setPassphrase('');
      setStep({ name: 'done', result });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(null);
      setRestoring(false);
    }
  }

  const findForm = (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void find(!hasBackupFolder);
      }}
      noValidate
      aria-label="Find backups"
    >
      <label htmlFor={`${id}-pass`}>Passphrase</label>
      <input
        id={`${id}-pass`}
        type="password"
        autoComplete="current-password"
        aria-describedby={`${id}-pass-hint`}
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
      />
      <p id={`${id}-pass-hint`} className="field-description">
        The passphrase your vault had when the backup was made. It is used to read the backups’ dates and
        counts.
      </p>
      <div className="actions">
        {hasBackupFolder && (
          <button type="submit" disabled={busy !== null}>
            Find backups
          </button>
        )}
        <button
          type={hasBackupFolder ? 'button' : 'submit'}
          className={hasBackupFolder ? 'secondary' : undefined}
          disabled={busy !== null}
          onClick={hasBackupFolder ? () => void find(true) : undefined}
        >
          {hasBackupFolder ? 'Look in another folder…' : 'Choose the backup folder…'}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy !== null}>
          Cancel
        </button>
      </div>
    </form>
  );

  // Escape steps back (the choice, then the screen), as Back and Cancel do; never mid-restore.
  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== 'Escape' || busy !== null || step.name === 'done') return;
    event.preventDefault();
    if (step.name === 'choose') setStep({ name: 'find' });
    else onCancel();
  }

  return (
    <main className="centered wide" ref={container} onKeyDown={onKeyDown}>
      <section className="card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>Restore from a backup</h1>
        {lockedForIt && step.name !== 'done' && (
          <p className="notice">
            Attune locked your vault to restore safely; everything you wrote is saved. Cancel takes you back
            to the unlock screen.
          </p>
        )}
        {step.name === 'find' && (
          <>
            <p className="muted">
              Attune copies the backup you choose into a new vault folder. Your current vault is not
              overwritten: it is kept beside it under a dated name until you remove it.
            </p>
            {findForm}
          </>
        )}
        {step.name === 'choose' && (
          <form onSubmit={restore} noValidate aria-label="Choose a backup">
            <p className="muted">
              Backups in <code className="path">{step.folder}</code>
            </p>
            {step.sets.map((set) => (
              <fieldset key={set.vaultId} className="generation-list">
                <legend>
                  {set.thisVault
                    ? 'Backups of this vault'
                    : `Backups of another vault (${set.vaultId.slice(0, 8)})`}
                </legend>
                {set.generations.map((g, index) => {
                  const inputId = `${id}-${set.vaultId}-${g.name}`;
                  return (
                    <div key={g.name} className="generation">
                      <input
                        id={inputId}
                        type="radio"
                        name={`${id}-generation`}
                        disabled={!g.readable}
                        checked={chosen?.vaultId === set.vaultId && chosen.generation === g.name}
                        onChange={() => setChosen({ vaultId: set.vaultId, generation: g.name })}
                      />
                      <label htmlFor={inputId}>
                        {formatDateTimeSeconds(g.createdAt)} ({formatAgo(g.createdAt)}
                        {index === 0 ? ', the newest' : ''})
                        {g.readable
                          ? ` — ${plural(g.clients, 'client')}, ${plural(g.sessions, 'session')}, ${plural(g.notes, 'note')}`
                          : ` — cannot be restored: ${g.problem ?? 'it could not be read'}`}
                      </label>
                    </div>
                  );
                })}
              </fieldset>
            ))}
            <p>
              Restoring replaces what Attune shows with this backup: anything written after it was made is not
              in it. Your current vault is not deleted: it is kept aside under a dated name (Settings → Where
              the vault lives lists it). Attune backs the vault up every time it locks, so the newest backup
              of this vault normally holds it as it was when you last used it: restoring that one undoes a
              restore.
            </p>
            <div className="actions">
              <button type="submit" disabled={busy !== null || !chosen}>
                Restore this backup
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => setStep({ name: 'find' })}
                disabled={busy !== null}
              >
                Back
              </button>
            </div>
          </form>
        )}
        {step.name === 'done' && (
          <div role="status">
            <p>The backup was checked and restored. Attune is open on it now.</p>
            {step.result.keptAside && (
              <p>
                Your previous vault is kept at <code className="path">{step.result.keptAside}</code>. Remove
                it yourself once you are sure you no longer need it.
              </p>
            )}
            <button type="button" onClick={onRestored}>
              Open Attune
            </button>
          </div>
        )}
        {busy && (
          <p role="status" className="muted">
            {busy}
          </p>
        )}
        {restoring && <ProgressLine label="Restoring" progress={progress} unit="steps" />}
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </section>
    </main>
  );
}
