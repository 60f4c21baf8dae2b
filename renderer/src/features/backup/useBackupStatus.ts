import { useCallback, useEffect, useState } from 'react';
import type { BackupStatus } from '../../../../shared/ipc/contract';
import { call, messageOf, onEvent } from '../../data/api';

/**
 * The backup status from main, kept current: read once, then replaced by every status main pushes
 * (a backup started or ended). Works while the vault is locked.
 */
export function useBackupStatus(): {
  status: BackupStatus | null;
  error: string | null;
  setStatus: (status: BackupStatus) => void;
  reload: () => void;
} {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    call('backup:status')
      .then((s) => {
        setStatus(s);
        setError(null);
      })
      .catch((failure) => setError(messageOf(failure)));
  }, []);
  useEffect(() => {
    reload();
    return onEvent('backup:status', setStatus);
  }, [reload]);
  return { status, error, setStatus, reload };
}
