import {
  CalendarCheck,
  ChartLine,
  ClipboardList,
  Command,
  GitMerge,
  Lock,
  type LucideIcon,
  PanelLeftClose,
  PanelLeftOpen,
  Search,
  Settings,
  Users,
} from 'lucide-react';
import { BackupStatusLine } from '../backup/BackupStatusLine';
import { useBackupStatus } from '../backup/useBackupStatus';
import { useConflicts } from '../sync/useConflicts';
import type { Route } from './Route';
import { SidebarClients } from './SidebarClients';

type Page = Route['page'];

const items: Array<{ label: string; icon: LucideIcon; route: Route; pages: Page[]; shortcut?: string }> = [
  { label: 'Today', icon: CalendarCheck, route: { page: 'today' }, pages: ['today'] },
  { label: 'Clients', icon: Users, route: { page: 'clients' }, pages: ['clients'] },
  { label: 'Search', icon: Search, route: { page: 'search' }, pages: ['search'], shortcut: 'Ctrl+F' },
  { label: 'Caseload', icon: ChartLine, route: { page: 'caseload' }, pages: ['caseload'] },
  {
    label: 'Review packets',
    icon: ClipboardList,
    route: { page: 'review-packets' },
    pages: ['review-packets', 'review-packet'],
  },
  { label: 'Settings', icon: Settings, route: { page: 'settings' }, pages: ['settings'] },
];

/**
 * The workspace's left column: the pages, the clients, and at its foot the backup status and
 * Lock. Collapsed (narrow windows, or by its toggle) it keeps the icons, each still named.
 */
export function Sidebar({
  route,
  go,
  collapsed,
  onToggle,
  onPalette,
  onLock,
}: {
  route: Route;
  go: (route: Route) => void;
  collapsed: boolean;
  onToggle: () => void;
  onPalette: () => void;
  onLock: () => void;
}) {
  const backup = useBackupStatus();
  const { conflicts } = useConflicts();
  const currentClientId = 'clientId' in route ? route.clientId : null;
  const ToggleIcon = collapsed ? PanelLeftOpen : PanelLeftClose;
  return (
    <aside className={collapsed ? 'sidebar collapsed' : 'sidebar'} aria-label="Sidebar">
      <div className="sidebar-head">
        {!collapsed && <span className="brand">Attune</span>}
        <button
          type="button"
          className="icon-button"
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
          title={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
          onClick={onToggle}
        >
          <ToggleIcon aria-hidden="true" size={16} />
        </button>
      </div>
      <button type="button" className="sidebar-palette" onClick={onPalette} title="Command palette (Ctrl+K)">
        <Command aria-hidden="true" size={16} />
        <span className={collapsed ? 'visually-hidden' : undefined}>Go to…</span>
        {!collapsed && <kbd>Ctrl K</kbd>}
      </button>
      <nav aria-label="Main" className="sidebar-nav">
        {items.map(({ label, icon: Icon, route: target, pages, shortcut }) => (
          <button
            key={label}
            type="button"
            className="nav-item"
            aria-current={pages.includes(route.page) ? 'page' : undefined}
            title={shortcut ? `${label} (${shortcut})` : collapsed ? label : undefined}
            onClick={() => go(target)}
          >
            <Icon aria-hidden="true" size={16} />
            <span className={collapsed ? 'visually-hidden' : undefined}>{label}</span>
          </button>
        ))}
        {conflicts.length > 0 && (
          <button
            type="button"
            className="nav-item warn"
            aria-current={route.page === 'conflicts' ? 'page' : undefined}
            title={collapsed ? 'Conflicts' : undefined}
            onClick={() => go({ page: 'conflicts' })}
          >
            <GitMerge aria-hidden="true" size={16} />
            <span className={collapsed ? 'visually-hidden' : undefined}>Conflicts</span>
            <span className="nav-count">{conflicts.length}</span>
          </button>
        )}
      </nav>
      {!collapsed && (
        <SidebarClients
          currentClientId={currentClientId}
          onOpen={(clientId) => go({ page: 'client', clientId })}
        />
      )}
      <div className="sidebar-foot">
        {/* A warning is the workspace's banner already: here it is one line that leads to it.
            Settings shows the status in its Backups section, so it is not repeated here. */}
        {!collapsed &&
          route.page !== 'settings' &&
          (backup.status?.warning ? (
            <button
              type="button"
              className="link sidebar-backup-warning"
              onClick={() => go({ page: 'settings', section: 'backups' })}
            >
              Backups need attention
            </button>
          ) : (
            <BackupStatusLine status={backup.status} />
          ))}
        <button type="button" className="secondary lock-button" onClick={onLock} title="Lock (Ctrl+L)">
          <Lock aria-hidden="true" size={16} />
          <span className={collapsed ? 'visually-hidden' : undefined}>Lock</span>
        </button>
      </div>
    </aside>
  );
}
