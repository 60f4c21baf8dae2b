import '../backup/backup.css';
import { useEffect, useState } from 'react';
import { describeUnreadable } from '../../../../shared/domain/unreadableRecords';
import { call } from '../../data/api';

/**
 * A warning across the workspace when this unlock found record files it could not read (they are
 * left out of lists, search and charts so the rest stays usable), with the way to Settings, where
 * "Check the vault" names them and puts them back from a backup. Asked once the workspace has
 * loaded; nothing shows while all is well.
 */
export function UnreadableRecordsBanner({
  loaded,
  onOpenSettings,
}: {
  /** True once the workspace's lists have loaded (the records have been read). */
  loaded: boolean;
  onOpenSettings: () => void;
}) {
  const [records, setRecords] = useState<Array<{ kind: string }>>([]);
  useEffect(() => {
    if (!loaded) return;
    let current = true;
    call('vault:unreadable').then(
      (answer) => current && setRecords(answer.records),
      () => undefined, // locked meanwhile: the next unlock asks again
    );
    return () => {
      current = false;
    };
  }, [loaded]);
  if (records.length === 0) return null;
  return (
    <aside className="backup-banner" aria-label="Damaged records">
      <span>{describeUnreadable(records)}</span>
      <button type="button" className="secondary" onClick={onOpenSettings}>
        Check the vault
      </button>
    </aside>
  );
}
