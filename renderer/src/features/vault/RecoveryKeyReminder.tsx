import '../backup/backup.css';
import { KeyRound } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Icon } from '../../components/Icon';
import { call } from '../../data/api';
import { formatDateTime } from '../../format/dates';

/**
 * A reminder across the workspace while the recovery key last shown on this computer was never
 * confirmed as stored (its screen closed first: the window, a crash): without it, a forgotten
 * passphrase leaves the notes unreadable, and it cannot be shown again, only replaced.
 */
export function RecoveryKeyReminder({ onMakeNew }: { onMakeNew: () => void }) {
  const [shownAt, setShownAt] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('recoveryKey:unconfirmed').then(
      (found) => live && setShownAt(found?.shownAt ?? null),
      () => undefined, // the reminder is a courtesy: nothing to show if it cannot be read
    );
    return () => {
      live = false;
    };
  }, []);
  if (shownAt === null) return null;
  return (
    <aside className="backup-banner" aria-label="Recovery key reminder">
      <Icon icon={KeyRound} />
      <span className="banner-text">
        The recovery key shown on {formatDateTime(shownAt)} was not confirmed as stored. If you forget your
        passphrase, only a recovery key opens your notes: make a new one now and store it.
      </span>
      <button type="button" className="secondary" onClick={onMakeNew}>
        Make a new recovery key
      </button>
    </aside>
  );
}
