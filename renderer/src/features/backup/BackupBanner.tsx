import './backup.css';
import { TriangleAlert } from 'lucide-react';
import { Icon } from '../../components/Icon';
import { useBackupStatus } from './useBackupStatus';

/**
 * A warning across the workspace while backups need attention (no folder, drive missing, a failed
 * or too old backup), with the way to Settings → Backups. Nothing shows while all is well.
 */
export function BackupBanner({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { status } = useBackupStatus();
  if (!status?.warning || status.running) return null;
  return (
    <aside className="backup-banner" aria-label="Backup warning">
      <Icon icon={TriangleAlert} />
      <span className="banner-text">{status.warning.message}</span>
      <button type="button" className="secondary" onClick={onOpenSettings}>
        Open backup settings
      </button>
    </aside>
  );
}
