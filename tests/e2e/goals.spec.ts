import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import { expect, test } from './harness';
import { pdfText } from './pdfText';
import { createVault, expectAccessible, goTo } from './steps';

/**
 * Issue 15, item 3, through the screens: a note before any plan leads to the Treatment tab, where
 * a plan of two goals is written and signed; the note then shows both goals, the therapist marks
 * them addressed with progress and a sentence and signs, and the Patterns tab charts the progress
 * per goal (its table shows both goals' values).
 */

const sleepGoal = 'Sleep six hours on most nights';
const friendsGoal = 'See a friend every week';

/** A contract call through the real handlers, as the renderer makes it; fails the test on an error. */
async function api<T>(backend: Backend, method: string, input?: unknown): Promise<T> {
  const result = (await backend.router.call(method, input)) as
    | { ok: true; value: T }
    | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

/** The client's first plan, written on the Treatment tab with two goals and signed. */
async function writePlan(page: Page): Promise<void> {
  const panel = page.getByRole('region', { name: 'Treatment plan', exact: true });
  await panel.getByRole('button', { name: 'Write a treatment plan' }).click();
  const editor = panel.getByRole('region', { name: 'Draft plan' });
  await editor.getByRole('button', { name: 'Add goal' }).click();
  await editor
    .getByRole('group', { name: 'Goal 1', exact: true })
    .getByLabel('Goal', { exact: true })
    .fill(sleepGoal);
  await editor.getByRole('button', { name: 'Add goal' }).click();
  await editor
    .getByRole('group', { name: 'Goal 2', exact: true })
    .getByLabel('Goal', { exact: true })
    .fill(friendsGoal);
  await editor.getByLabel('Review date').fill('2027-03-01');
  await expect(editor.getByRole('status').filter({ hasText: /^Saved / })).toBeVisible({ timeout: 30_000 });
  await editor.getByRole('button', { name: 'Sign plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign version 1 of the treatment plan?' });
  await dialog.getByRole('button', { name: 'Sign plan' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(panel.getByText('Version 1, signed by Dr. Ada Lane on')).toBeVisible();
}

/** A new session on the client's page and its new note, opened. */
async function newSessionNote(page: Page, when: string): Promise<void> {
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByLabel('Date and time').fill(when);
  await page.getByLabel('Template for new notes').selectOption({ label: 'SOAP' });
  await page.getByRole('button', { name: 'Save session' }).click();
  await page.getByRole('button', { name: /^New note/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Treatment goals' })).toBeVisible({
    timeout: 30_000,
  });
}

/** Marks a goal addressed with its progress and sentence. */
async function addressGoal(page: Page, goal: string, level: string, sentence: string): Promise<void> {
  const group = page.getByRole('group', { name: goal, exact: true });
  await group.getByRole('checkbox', { name: 'Addressed this session' }).check();
  await group.getByRole('radiogroup', { name: 'Progress' }).getByRole('radio', { name: level }).check();
  await group.getByRole('textbox', { name: 'Progress in a sentence' }).fill(sentence);
}

async function signNote(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign note' }).click();
  await page
    .getByRole('dialog', { name: 'Sign this note?' })
    .getByRole('button', { name: 'Sign', exact: true })
    .click();
  await expect(page.getByText(/Signed on .* by Dr\. Ada Lane/)).toBeVisible({ timeout: 30_000 });
}

test('a note addresses the plan’s two goals with progress, is signed, and the Patterns tab charts them; axe', async ({
  page,
  openApp,
  backend,
  fileChooser,
}) => {
  // Two notes written and signed, a chart and its table, two screens checked by axe in both themes.
  test.setTimeout(360_000);
  const goals = page.getByRole('region', { name: 'Treatment goals' });

  await test.step('a client with no plan yet: the note says so once and leads to the Treatment tab', async () => {
    await openApp();
    await createVault(page);
    await api(backend, 'settings:update', { clinicianName: 'Dr. Ada Lane' });
    await goTo(page, 'Clients');
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByLabel('Client code').fill('G-001');
    await page.getByRole('button', { name: 'Save client' }).click();
    await expect(page.getByRole('heading', { name: /G-001/, level: 1 })).toBeVisible();
    await newSessionNote(page, '2026-11-10T10:00');
    await expect(goals).toContainText('No treatment plan yet: once one is written, its goals appear here');
    await goals.getByRole('button', { name: 'Open the Treatment tab' }).click();
    await expect(page.getByRole('tab', { name: 'Treatment', exact: true })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  await test.step('with a signed plan, the note lists both goals; ticked, each asks for progress and a sentence', async () => {
    await writePlan(page);
    await page.getByRole('tab', { name: 'Sessions', exact: true }).click();
    await page.getByRole('button', { name: /^Open note/ }).click();
    await expect(goals.getByRole('group', { name: sleepGoal, exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(goals.getByRole('group', { name: friendsGoal, exact: true })).toBeVisible();
    // Not addressed yet: no scale shown.
    await expect(goals.getByRole('radiogroup', { name: 'Progress' })).toHaveCount(0);
    await addressGoal(page, sleepGoal, 'No change', 'Still waking at 4 most nights.');
    await addressGoal(page, friendsGoal, 'Some progress', 'Met one friend for coffee.');
    // Unticked by mistake and ticked again: the progress and sentence come back.
    const friends = goals.getByRole('group', { name: friendsGoal, exact: true });
    await friends.getByRole('checkbox', { name: 'Addressed this session' }).uncheck();
    await expect(friends.getByRole('textbox', { name: 'Progress in a sentence' })).toHaveCount(0);
    await friends.getByRole('checkbox', { name: 'Addressed this session' }).check();
    await expect(friends.getByRole('textbox', { name: 'Progress in a sentence' })).toHaveValue(
      'Met one friend for coffee.',
    );
    await expect(friends.getByRole('radio', { name: 'Some progress' })).toBeChecked();
    await expect(
      page.getByRole('navigation', { name: 'Note sections' }).getByRole('link', { name: 'Treatment goals' }),
    ).toBeVisible();
    await expectAccessible(page, 'note editor, treatment goals addressed');
  });

  await test.step('signed, the note shows the goals it addressed, read only', async () => {
    await signNote(page);
    await expect(goals.getByRole('checkbox')).toHaveCount(0);
    await expect(goals).toContainText(sleepGoal);
    await expect(goals).toContainText('No change: Still waking at 4 most nights.');
    await expect(goals).toContainText('Some progress: Met one friend for coffee.');
  });

  await test.step('the printed note lists the goals addressed, in the plan’s words, with their progress', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'attune-e2e-goals-'));
    try {
      fileChooser.choose(folder);
      await page.getByRole('button', { name: 'Print or save as PDF' }).click();
      const saved = page.getByRole('status').filter({ hasText: 'PDF saved to' });
      await expect(saved).toBeVisible({ timeout: 60_000 });
      const path = (await saved.locator('code').first().textContent()) ?? '';
      const text = pdfText(await readFile(path)).replace(/\s+/g, ' ');
      expect(text).toContain('Treatment goals addressed');
      // Text runs are joined as printed: a space may fall before the colon.
      expect(text).toMatch(new RegExp(`${sleepGoal} — No change ?: Still waking at 4 most nights.`));
      expect(text).toMatch(new RegExp(`${friendsGoal} — Some progress ?: Met one friend for coffee.`));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    await page.getByRole('button', { name: 'Close note' }).click();
  });

  await test.step('a second session’s note moves both goals on', async () => {
    await newSessionNote(page, '2026-11-17T10:00');
    // Each goal says where it stood when last addressed, the first session's note.
    await expect(goals.getByRole('group', { name: sleepGoal, exact: true })).toHaveAccessibleDescription(
      /^Last addressed .*: No change$/,
    );
    await expect(goals.getByRole('group', { name: friendsGoal, exact: true })).toHaveAccessibleDescription(
      /^Last addressed .*: Some progress$/,
    );
    await addressGoal(page, sleepGoal, 'Marked progress', 'Slept six hours on five nights.');
    await addressGoal(page, friendsGoal, 'Goal met', 'Weekly walk with a friend, three weeks running.');
    await signNote(page);
    await page.getByRole('button', { name: 'Close note' }).click();
  });

  await test.step('the Patterns tab charts the progress per goal, in words and as a table', async () => {
    await page.getByRole('tab', { name: 'Patterns', exact: true }).click();
    const figure = page.getByRole('figure', { name: 'Progress on treatment goals' });
    await expect(figure).toBeVisible({ timeout: 30_000 });
    await expect(figure).toContainText('Progress on 2 goals over 2 sessions');
    await expect(figure).toContainText(
      `1. ${sleepGoal} addressed 2 times, latest Marked progress (first No change)`,
    );
    await expect(figure.locator('.recharts-line')).toHaveCount(2);
    await expectAccessible(page, 'client page, Patterns tab with goal progress');
    await figure.getByRole('button', { name: 'View as table' }).click();
    const table = figure.getByRole('table');
    await expect(table.getByRole('columnheader')).toHaveText([
      'Session date',
      `1. ${sleepGoal}`,
      `2. ${friendsGoal}`,
    ]);
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(2);
    // Each row: the session's date (its row header), then each goal's progress.
    await expect(rows.nth(0).getByRole('cell')).toHaveText(['No change', 'Some progress']);
    await expect(rows.nth(1).getByRole('cell')).toHaveText(['Marked progress', 'Goal met']);
  });
});
