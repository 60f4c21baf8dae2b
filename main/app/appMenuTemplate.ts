import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu: Electron's standard role menus, except View, which is built by hand so
 * that a packaged build has no DevTools and no reload (a reload would drop the renderer's
 * unlocked state while main still holds the vault open).
 */
export function appMenuTemplate(options: {
  isMac: boolean;
  devTools: boolean;
}): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (options.devTools) {
    view.push({ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' });
  }
  return [
    ...(options.isMac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
