import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './harness';

export const passphrase = 'copper lantern orchard seventeen';

/** First run through the UI: create the vault, confirm the recovery key, land in the workspace. */
export async function createVault(page: Page): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase').fill(passphrase);
  await expect(page.getByText(/Strength: (Strong|Very strong)/)).toBeVisible();
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('textbox', { name: 'Recovery key' })).toHaveValue(
    /^[0-9A-Z]{4}(-[0-9A-Z]{4})+/,
  );
  await page.getByLabel('I have stored my recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
}

export async function unlock(page: Page): Promise<void> {
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
}

/**
 * Fails on any serious or critical accessibility violation on the current screen: every rule in
 * the light theme, and colour contrast (the one thing the dark theme changes) in the dark one,
 * which keeps the suite's time for the screens themselves. The theme on screen before is put back
 * afterwards.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const before = await page.evaluate(() => document.documentElement.dataset.theme ?? null);
  try {
    for (const theme of ['light', 'dark'] as const) {
      await showTheme(page, theme);
      const axe = new AxeBuilder({ page });
      const { violations } = await (theme === 'dark' ? axe.withRules(['color-contrast']) : axe).analyze();
      const serious = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id}: ${v.help} (${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')})`,
        );
      expect(serious, `accessibility of ${screen} (${theme} theme)`).toEqual([]);
    }
  } finally {
    await showTheme(page, before);
  }
}

/**
 * Draws the screen in `theme` as Settings → Appearance does (the data-theme attribute of <html>),
 * without storing it; null removes the attribute.
 */
export async function showTheme(page: Page, theme: string | null): Promise<void> {
  await page.evaluate((next) => {
    if (next === null) delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
  }, theme);
}

/** The sidebar's pages, by the names its navigation gives them. */
export type MainPage = 'Today' | 'Clients' | 'Search' | 'Caseload' | 'Review packets' | 'Settings';

/** Opens a page from the sidebar's main navigation (Today opens first after unlock). */
export async function goTo(page: Page, name: MainPage): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
}

/**
 * From the Clients page: a new client with code `code`, then a session for them with the form's
 * defaults (now, attended); the client's page is left showing the session.
 */
export async function addClientWithSession(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('Client code').fill(code);
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByRole('button', { name: 'Save session' }).click();
}

/** Opens a client's page from the sidebar's client list, filtered to its code first (the list is virtual). */
export async function openClientFromSidebar(page: Page, code: string): Promise<void> {
  const list = page.getByRole('navigation', { name: 'Clients' });
  await list.getByRole('searchbox', { name: 'Filter clients' }).fill(code);
  await list
    .getByRole('link', { name: new RegExp(`^${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`) })
    .click();
}
