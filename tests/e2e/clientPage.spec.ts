import type { Page } from '@playwright/test';
import { generateDemo } from '../../main/services/demo/generateDemo';
import { writeDemo } from '../../main/services/demo/writeDemo';
import { caseloadFacts } from '../../renderer/src/features/client/clientFacts';
import { expect, test } from './harness';
import { createTestVault, seedDemoVault } from './seed';
import { expectAccessible, goTo, unlock } from './steps';

/** How the page shows a session's start (formatDateTime: the locale's medium date, short time). */
function shownDateTimes(page: Page, starts: readonly string[]): Promise<string[]> {
  return page.evaluate(
    (isos) =>
      isos.map((iso) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })),
    [...starts],
  );
}

async function openClient(page: Page, code: string) {
  await page.getByRole('button', { name: code, exact: true }).click();
  await expect(page.getByRole('heading', { name: code, level: 1 })).toBeVisible();
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

test('500 sessions: newest first, only a window of rows in the page, the oldest reached by scrolling and by End', async ({
  page,
  openApp,
  dataDir,
}, testInfo) => {
  test.setTimeout(120_000);
  const demo = await seedDemoVault(dataDir, { clients: 1, sessionsPerClient: 500, seed: 13 });
  const client = demo.clients[0]!;
  const starts = demo.sessions.map((s) => s.startsAt).sort();
  await openApp();
  await unlock(page);
  await goTo(page, 'Clients');
  if (client.status === 'closed') await page.getByLabel('Show', { exact: true }).selectOption('all');
  // The list and the client's page count the same sessions held and name the same last one: the
  // attended ones started by now (or signed), not the cancelled, missed or still to come.
  const expected = caseloadFacts(demo.sessions, demo.summaries, new Date()).get(client.id)!;
  expect(expected.held).toBeLessThan(500);
  const [lastShown] = await page.evaluate(
    (iso) => [new Date(iso).toLocaleDateString([], { dateStyle: 'medium' })],
    expected.last!,
  );
  const listed = page
    .getByRole('table', { name: 'Clients' })
    .getByRole('row')
    .filter({ hasText: client.code });
  await expect(listed.getByRole('cell')).toContainText([String(expected.held), lastShown!]);
  await openClient(page, client.code);

  // The header's facts.
  const facts = page.locator('.client-facts');
  const fact = (term: string) =>
    facts.locator('div').filter({ has: page.getByRole('term').filter({ hasText: term }) });
  await expect(fact('Sessions').getByRole('definition')).toHaveText(String(expected.held));
  await expect(fact('Last session').getByRole('definition')).toHaveText(lastShown!);

  const table = page.getByRole('table', { name: 'Sessions' });
  await expect(table).toHaveAttribute('aria-rowcount', '501');
  const [newest, secondNewest, oldest] = await shownDateTimes(page, [starts[499]!, starts[498]!, starts[0]!]);
  const bodyRows = table.locator('tbody tr');
  await expect(bodyRows.first()).toContainText(newest!);
  await expect(bodyRows.first()).toHaveAttribute('aria-rowindex', '2');
  await expect(bodyRows.nth(1)).toContainText(secondNewest!);
  // Only a window of the 500 rows is in the page.
  const drawn = await bodyRows.count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(80);
  await page.screenshot({ path: testInfo.outputPath('client-sessions.png') });

  // Scrolled to the end, the oldest session is drawn, as row 501 of 501, and still only a window.
  await page.locator('.session-scroll').evaluate((box) => {
    box.scrollTop = box.scrollHeight;
  });
  const last = table.getByRole('row').filter({ hasText: oldest! });
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-rowindex', '501');
  expect(await bodyRows.count()).toBeLessThan(80);

  // By keyboard: Home goes to the newest row's action, Down to the next, End to the oldest.
  await last.getByRole('button', { name: /^Open note of/ }).focus();
  await page.keyboard.press('Home');
  await expect(page.getByRole('button', { name: `Open note of ${newest}` })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: `Open note of ${secondNewest}` })).toBeFocused();
  // Tab also walks the rows: the row's date (the button that edits its session, there until its
  // note is signed), then the row before's process note and its note take the focus.
  const editSecond = page.getByRole('button', { name: `Edit session of ${secondNewest}` });
  if ((await editSecond.count()) > 0) {
    await page.keyboard.press('Shift+Tab');
    await expect(editSecond).toBeFocused();
  }
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: `Process note of ${newest}` })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: `Open note of ${newest}` })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('button', { name: `Open note of ${oldest}` })).toBeFocused();
  await expect(page.getByRole('button', { name: `Open note of ${oldest}` })).toBeInViewport();
  await expectAccessible(page, 'client page, 500 sessions');

  // In a narrow window the table fits without scrolling sideways: the note's status is not under
  // the actions column, the ruptures are in view, both actions are on the row's one line.
  await page.setViewportSize({ width: 900, height: 700 });
  await page.keyboard.press('Home');
  const openNewest = page.getByRole('button', { name: `Open note of ${newest}` });
  await expect(openNewest).toBeInViewport({ ratio: 1 });
  const processNewest = page.getByRole('button', { name: `Process note of ${newest}` });
  await expect(processNewest).toBeInViewport({ ratio: 1 });
  expect(await page.locator('.session-scroll').evaluate((box) => box.scrollWidth <= box.clientWidth)).toBe(
    true,
  );
  const newestRow = table.getByRole('row').filter({ has: openNewest });
  const status = newestRow.getByRole('cell').nth(2).locator('.badge').first();
  await expect(status).toHaveText(/^(Signed|Draft|No note)$/);
  await expect(status).toBeInViewport({ ratio: 1 });
  const ruptures = newestRow.getByRole('cell').nth(3);
  await expect(ruptures).toBeInViewport({ ratio: 1 });
  const [statusBox, rupturesBox, openBox, processBox, rowBox] = await Promise.all(
    [status, ruptures, openNewest, processNewest, newestRow].map((l) => l.boundingBox()),
  );
  expect(statusBox!.x + statusBox!.width).toBeLessThanOrEqual(rupturesBox!.x);
  expect(rupturesBox!.x + rupturesBox!.width).toBeLessThanOrEqual(openBox!.x);
  expect(Math.abs(processBox!.y - openBox!.y)).toBeLessThanOrEqual(4);
  expect(processBox!.x).toBeGreaterThan(openBox!.x + openBox!.width);
  expect(rowBox!.height).toBeLessThanOrEqual(37);
});

test('tabs: arrow keys, Home and End move between Sessions, Patterns, Treatment and Review; the tab is kept after a note; axe on each', async ({
  page,
  openApp,
  dataDir,
}, testInfo) => {
  // Axe runs on each tab in both themes: about 10 s each on a loaded machine.
  test.setTimeout(150_000);
  const demo = await seedDemoVault(dataDir, { clients: 1, sessionsPerClient: 6, seed: 21 });
  const client = demo.clients[0]!;
  await openApp();
  await unlock(page);
  await goTo(page, 'Clients');
  if (client.status === 'closed') await page.getByLabel('Show', { exact: true }).selectOption('all');
  await openClient(page, client.code);

  const tablist = page.getByRole('tablist');
  await expect(tablist.getByRole('tab')).toHaveText(['Sessions', 'Patterns', 'Treatment', 'Review']);
  await expect(tab(page, 'Sessions')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Sessions' })).toContainText('Open note');
  await expectAccessible(page, 'client page, Sessions tab');

  await tab(page, 'Sessions').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'Patterns')).toBeFocused();
  await expect(tab(page, 'Patterns')).toHaveAttribute('aria-selected', 'true');
  const patterns = page.getByRole('tabpanel', { name: 'Patterns' });
  await expect(patterns.getByRole('heading', { name: 'Patterns over time' })).toBeVisible();
  await expect(patterns.locator('[data-chart="trends"] svg.recharts-surface')).toBeVisible();
  // One tab stop in the tab list: Tab leaves it for the panel's content.
  await expect(tab(page, 'Sessions')).toHaveAttribute('tabindex', '-1');
  await expectAccessible(page, 'client page, Patterns tab');
  await page.screenshot({ path: testInfo.outputPath('client-patterns.png'), fullPage: true });

  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'Treatment')).toBeFocused();
  const treatment = page.getByRole('tabpanel', { name: 'Treatment' });
  await expect(treatment.getByRole('button', { name: 'Write a treatment plan' })).toBeVisible();
  await expectAccessible(page, 'client page, Treatment tab');

  await page.keyboard.press('End');
  await expect(tab(page, 'Review')).toBeFocused();
  const review = page.getByRole('tabpanel', { name: 'Review' });
  await expect(review.getByRole('button', { name: 'Import supervisor comments' })).toBeVisible();
  await expect(review.getByRole('button', { name: 'Export client record…' })).toBeVisible();
  await expectAccessible(page, 'client page, Review tab');

  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'Sessions')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tab(page, 'Review')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tab(page, 'Sessions')).toHaveAttribute('aria-selected', 'true');

  // Patterns chosen, a note opened from a chart and closed: back on Patterns.
  await tab(page, 'Patterns').click();
  await patterns.getByRole('button', { name: "Open this session's note" }).click();
  await expect(page.getByRole('heading', { name: /Session note/, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Close note' }).click();
  await expect(tab(page, 'Patterns')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Patterns over time' })).toBeVisible();
});

test('a new client and a one-session client: each empty state said once, no empty chart axes', async ({
  page,
  openApp,
  dataDir,
}, testInfo) => {
  test.setTimeout(150_000);
  // Two clients, both active: the first with no session at all, the second with one noted session.
  const data = generateDemo({ clients: 2, sessionsPerClient: 1, seed: 8 });
  const [fresh, once] = data.clients.map((c) => ({ ...c, status: 'active' as const }));
  data.clients = [fresh!, once!];
  data.sessions = data.sessions.filter((s) => s.clientId === once!.id);
  data.notes = data.notes.filter((n) => n.clientId === once!.id);
  data.processNotes = data.processNotes.filter((n) => n.clientId === once!.id);
  const vault = await createTestVault(dataDir);
  await writeDemo(vault, data);
  await vault.lock();

  await openApp();
  await unlock(page);
  await goTo(page, 'Clients');
  await openClient(page, fresh!.code);
  // Sessions: one sentence and the one action that starts it.
  await expect(page.getByText(/No sessions yet/)).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'New session', exact: true })).toHaveCount(1);
  await expect(page.getByRole('table', { name: 'Sessions' })).toHaveCount(0);
  await expect(page.locator('.client-facts')).toContainText('None yet');
  await expectAccessible(page, 'new client, Sessions tab');
  await page.screenshot({ path: testInfo.outputPath('new-client.png') });

  await tab(page, 'Patterns').click();
  await expect(page.getByText(/appear here after two sessions with notes/)).toHaveCount(1);
  await expect(page.getByRole('figure')).toHaveCount(0);
  await expect(page.locator('svg.recharts-surface')).toHaveCount(0);
  await expect(page.getByText(/No sessions/)).toHaveCount(0);
  await expectAccessible(page, 'new client, Patterns tab');

  await tab(page, 'Review').click();
  await expect(page.getByRole('button', { name: 'Import supervisor comments' })).toBeVisible();
  await expectAccessible(page, 'new client, Review tab');

  // The empty state's action opens the form; saved, the session is the table's one row.
  await tab(page, 'Sessions').click();
  await page.getByRole('button', { name: 'New session', exact: true }).click();
  // A date before the client's first day is said (more often a mistyped year), not refused.
  const when = page.getByLabel('Date and time');
  await when.fill('2001-03-05T10:00');
  await expect(when).toHaveAccessibleDescription(/is before .* start date/);
  await when.fill(
    await page.evaluate(() => {
      const now = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
      return now.toISOString().slice(0, 16);
    }),
  );
  await expect(when).not.toHaveAccessibleDescription(/start date/);
  await page.getByRole('form', { name: 'New session' }).getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByRole('table', { name: 'Sessions' }).locator('tbody tr')).toHaveCount(1);
  await expect(page.getByText(/No sessions yet/)).toHaveCount(0);

  // One noted session: its values in words, no chart with one point on empty axes.
  await page.getByRole('button', { name: 'All clients' }).click();
  await openClient(page, once!.code);
  await tab(page, 'Patterns').click();
  const panel = page.getByRole('tabpanel', { name: 'Patterns' });
  await expect(panel.getByText(/appear here after two sessions with notes/)).toHaveCount(1);
  const summary = panel.getByRole('region', { name: /^Session of / });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('term')).toContainText([
    'Affective attunement',
    'Ruptures',
    'Feedback total',
  ]);
  await expect(
    panel.locator('.recharts-cartesian-axis, .recharts-polar-grid, svg.recharts-surface'),
  ).toHaveCount(0);
  await expectAccessible(page, 'one-session client, Patterns tab');
  await page.screenshot({ path: testInfo.outputPath('one-session-patterns.png') });
});

test('Start session note: a session starting now and its draft in one step, listed first with its draft', async ({
  page,
  openApp,
  dataDir,
}) => {
  const demo = await seedDemoVault(dataDir, { clients: 1, sessionsPerClient: 3, seed: 34 });
  const client = demo.clients[0]!;
  await openApp();
  await unlock(page);
  await goTo(page, 'Clients');
  if (client.status === 'closed') await page.getByLabel('Show', { exact: true }).selectOption('all');
  await openClient(page, client.code);
  await expect(page.locator('.client-facts')).toContainText('3');

  await page.getByRole('button', { name: 'Start session note' }).click();
  await expect(page.getByRole('heading', { name: /Session note/, level: 1 })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Affective attunement', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Close note' }).click();

  const firstRow = page.getByRole('table', { name: 'Sessions' }).locator('tbody tr').first();
  await expect(firstRow).toContainText('Draft');
  await expect(page.getByRole('table', { name: 'Sessions' })).toHaveAttribute('aria-rowcount', '5');
  const openDrafts = page
    .locator('.client-facts div')
    .filter({ hasText: 'Open drafts' })
    .getByRole('definition');
  await expect(openDrafts).not.toHaveText('0');
});
