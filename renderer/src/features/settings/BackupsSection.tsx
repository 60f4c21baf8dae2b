import { HardDrive } from 'lucide-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Icon } from '../../components/Icon';
import { ProgressLine } from '../../components/ProgressLine';
import { useFocusBackAfterBusy } from '../../components/useFocusBackAfterBusy';
import { call, messageOf } from '../../data/api';
import { useTaskProgress } from '../../data/useTaskProgress';
import { BackupStatusLine } from '../backup/BackupStatusLine';
import { useBackupStatus } from '../backup/useBackupStatus';

const daysMessage = 'Enter a number of days from 1 to 365.';

/**
 * Settings → Backups: the folder backups go to (chosen in main's folder dialog), their status,
 * "Back up now", after how many days without a verified backup to warn, and the way to restore.
 */
export function BackupsSection({
  onRestore,
  focusOnMount = false,
}: {
  onRestore?: (() => void) | undefined;
  /** Brought into view with its heading focused (opened from a backup warning). */
  focusOnMount?: boolean;
}) {
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusOnMount) return;
    title.current?.scrollIntoView({ block: 'start' });
    title.current?.focus({ preventScroll: true });
  }, [focusOnMount]);
  const { status, error: loadError, setStatus } = useBackupStatus();
  const [days, setDays] = useState('7');
  const [daysError, setDaysError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const progress = useTaskProgress('backup', busy || status?.running === true);
  // Each button is disabled while the work it started runs: the one pressed gets the focus back.
  const chooseButton = useFocusBackAfterBusy(busy);
  // Back up now stays disabled until main says the backup finished (status.running), which may
  // come after its call returned: the focus goes back once it is enabled again.
  const backUpButton = useFocusBackAfterBusy(busy || status?.running === true);
  const saveDaysButton = useFocusBackAfterBusy(busy);

  // The field follows the stored value when it changes (first load, or saved here).
  const storedDays = status?.warnAfterDays;
  useEffect(() => {
    if (storedDays !== undefined) setDays(String(storedDays));
  }, [storedDays]);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await work();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  const chooseFolder = () =>
    act(async () => {
      const next = await call('backup:chooseFolder');
      if (next) {
        setStatus(next);
        setNote('Backup folder saved. Attune writes a backup there now, then on every lock and hourly.');
      }
    });

  const backUpNow = () =>
    act(async () => {
      setStatus(await call('backup:run'));
      setNote('Backup written and verified.');
    });

  async function saveDays(event: FormEvent) {
    event.preventDefault();
    const value = Number(days);
    if (!Number.isInteger(value) || value < 1 || value > 365) return setDaysError(daysMessage);
    setDaysError(null);
    await act(async () => {
      setStatus(await call('backup:setWarnAfterDays', { days: value }));
      setNote(`You will be warned when the last verified backup is older than ${value} days.`);
    });
  }

  return (
    <section className="card settings-section" aria-labelledby="backups-title">
      <h2 id="backups-title" className="section-title" ref={title} tabIndex={-1}>
        <Icon icon={HardDrive} /> Backups
      </h2>
      <p className="muted">
        Attune keeps encrypted copies of your vault in a folder you choose: an external drive, a network share
        or a synced folder. A backup opens only with your passphrase (or recovery key), like the vault itself.
        Attune backs up when you lock or quit and every hour while you work, checks each copy after writing
        it, and keeps older copies: one per hour for a day, per day for two weeks, per week for two months,
        per month for a year.
      </p>
      <BackupStatusLine status={status} inSettings />
      {(busy || status?.running) && (
        <ProgressLine label="Backing up" progress={progress} unit="record files" />
      )}
      {loadError && (
        <p role="alert" className="error">
          {loadError}
        </p>
      )}
      <dl className="facts">
        <dt>Backup folder</dt>
        <dd>{status?.folder ? <code className="path">{status.folder}</code> : 'None chosen'}</dd>
      </dl>
      <div className="actions">
        <button type="button" className="secondary" onClick={chooseFolder} disabled={busy} ref={chooseButton}>
          {status?.folder ? 'Change backup folder…' : 'Choose backup folder…'}
        </button>
        <button
          type="button"
          onClick={backUpNow}
          disabled={busy || !status?.folder || status.running}
          ref={backUpButton}
        >
          {busy || status?.running ? 'Backing up…' : 'Back up now'}
        </button>
        {onRestore && (
          <button type="button" className="secondary" onClick={onRestore} disabled={busy}>
            Restore from a backup…
          </button>
        )}
      </div>
      <form onSubmit={saveDays} noValidate aria-label="Backup warning" className="backup-warn-form">
        <label htmlFor="backup-warn-days">Warn me when the last verified backup is older than (days)</label>
        <input
          id="backup-warn-days"
          type="number"
          min={1}
          max={365}
          value={days}
          aria-invalid={daysError !== null}
          aria-describedby={daysError ? 'backup-warn-days-error' : undefined}
          onChange={(e) => setDays(e.target.value)}
        />
        {daysError && (
          <p id="backup-warn-days-error" className="error">
            {daysError}
          </p>
        )}
        <button type="submit" className="secondary" disabled={busy} ref={saveDaysButton}>
          Save warning
        </button>
      </form>
      {/* Not said twice: a failure the status line above already states (the folder unplugged). */}
      {error && error !== status?.warning?.message && error !== status?.warning?.here && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <output aria-live="polite">{note}</output>
    </section>
  );
}
