import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, test } from 'vitest';
import { appMenuTemplate } from '../../../main/app/appMenuTemplate';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('appMenuTemplate', () => {
  test('a packaged build offers no DevTools and no reload', () => {
    for (const isMac of [true, false]) {
      const found = roles(appMenuTemplate({ isMac, devTools: false }));
      expect(found).not.toContain('toggleDevTools');
      expect(found).not.toContain('reload');
      expect(found).not.toContain('forceReload');
      expect(found).not.toContain('viewMenu'); // the stock View menu carries DevTools
      expect(found).toContain('editMenu'); // copy and paste still work
    }
  });

  test('a development build adds DevTools and reload', () => {
    expect(roles(appMenuTemplate({ isMac: false, devTools: true }))).toEqual(
      expect.arrayContaining(['toggleDevTools', 'reload']),
    );
  });

  test('macOS gets its app menu', () => {
    expect(roles(appMenuTemplate({ isMac: true, devTools: false }))[0]).toBe('appMenu');
    expect(roles(appMenuTemplate({ isMac: false, devTools: false }))).not.toContain('appMenu');
  });
});
