import './backup.css';
import type { BackupStatus } from '../../../../shared/ipc/contract';
import { formatAgo, formatDateTime } from '../../format/dates';

/**
 * One line about backups: "Last backup: 2 hours ago · verified", or what needs attention as a
 * warning. Shown in Settings and on the lock screen, so a failure is never silent. It has no
 * live-region role: those screens' alerts belong to their forms, and Settings announces a
 * backup's outcome in its own words.
 */
export function BackupStatusLine({
  status,
  now = new Date(),
  inSettings = false,
}: {
  status: BackupStatus | null;
  now?: Date;
  /** Shown in Settings → Backups: the warning does not send the user there. */
  inSettings?: boolean;
}) {
  if (!status) return null;
  const last = status.lastVerified;
  const lastWords = last ? (
    <>
      Last backup:{' '}
      <time dateTime={last.at} title={formatDateTime(last.at)}>
        {formatAgo(last.at, now)}
      </time>{' '}
      · verified
    </>
  ) : null;
  if (status.running) {
    return (
      <p className="backup-status">Backing up… {lastWords && <span className="muted">({lastWords})</span>}</p>
    );
  }
  if (status.warning) {
    return (
      <div className="backup-status backup-warning">
        <p>{inSettings ? status.warning.here : status.warning.message}</p>
        {lastWords && status.warning.kind !== 'stale' && <p className="muted small">{lastWords}</p>}
      </div>
    );
  }
  return <p className="backup-status">{lastWords}</p>;
}
