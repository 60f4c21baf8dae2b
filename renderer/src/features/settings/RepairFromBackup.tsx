import { type FormEvent, useState } from 'react';
import {
  describeDamagedRecord,
  type RepairOffer,
  type RepairResult,
} from '../../../../shared/domain/vaultCheckReport';
import { call, messageOf } from '../../data/api';
import { fillIndex } from '../../data/fillIndex';
import { formatDate, formatDateTime } from '../../format/dates';

const dateWords = (iso: string) => formatDate(iso);

/**
 * The offer under a check that found damaged records: put just those records back from the
 * backups, each from the newest backup that holds it intact. The backups are encrypted, so it
 * asks for the passphrase they were made with.
 */
export function RepairFromBackup({
  offer,
  onDone,
}: {
  offer: RepairOffer;
  onDone: (result: RepairResult) => void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrase) return setError('Enter the passphrase of your backups.');
    setBusy(true);
    setError(null);
    try {
      const result = await call('vault:repairFromBackup', { passphrase });
      setPassphrase('');
      // The restored records replace what the lists and search showed.
      if (result.restored.length > 0) await fillIndex(() => undefined);
      onDone(result);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="repair-title">
      <h3 id="repair-title">Restore the affected records from your backups</h3>
      <p className="muted">
        {offer.generations === 1 ? 'One backup' : `${offer.generations} backups`} of this vault{' '}
        {offer.generations === 1 ? 'is' : 'are'} in your backup folder, the newest from{' '}
        {formatDateTime(offer.newestAt)}. Attune takes each damaged record from the newest backup that holds
        it intact and saves it again; nothing else in the vault changes. Changes made to those records after
        that backup are lost.
      </p>
      <label htmlFor="repair-passphrase">Passphrase of your backups (usually your current passphrase)</label>
      <input
        id="repair-passphrase"
        type="password"
        autoComplete="current-password"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        aria-describedby={error ? 'repair-error' : undefined}
      />
      {error && (
        <p id="repair-error" role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? 'Restoring…' : 'Restore the affected records'}
      </button>
    </form>
  );
}

/** What a restore of records did, in words. */
export function RepairOutcome({ result }: { result: RepairResult }) {
  return (
    <div>
      {result.restored.length > 0 && (
        <>
          <h3>Restored from your backups</h3>
          <ul aria-label="Restored records">
            {result.restored.map(({ record, backupAt }) => (
              <li key={`${record.kind}/${record.id}`}>
                {describeDamagedRecord(record, dateWords)}: restored from the backup of{' '}
                {formatDateTime(backupAt)}.
              </li>
            ))}
          </ul>
        </>
      )}
      {(result.keptSigned ?? []).length > 0 && (
        <>
          <h3>Signed notes kept as signed</h3>
          <ul aria-label="Signed notes kept as signed">
            {(result.keptSigned ?? []).map((record) => (
              <li key={`${record.kind}/${record.id}`}>
                {describeDamagedRecord(record, dateWords)}: no backup holds it as signed, and a backup’s
                earlier version never replaces a signed note. Attune saved it again unchanged, signature and
                all, as this computer still showed it.
              </li>
            ))}
          </ul>
        </>
      )}
      {result.notRestored.length > 0 && (
        <>
          <h3>Not restored</h3>
          <ul aria-label="Records not restored">
            {result.notRestored.map((record) => (
              <li key={`${record.kind}/${record.id}`}>
                {describeDamagedRecord(record, dateWords)}: no backup holds an intact copy, or it was saved
                again meanwhile.
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
