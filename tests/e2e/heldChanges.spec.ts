import type { Page } from '@playwright/test';
import type { Note } from '../../shared/domain/noteSchema';
import { failing } from './failingDisk';
import { expect, test } from './harness';
import { daysAgo, seedClient } from './seed';
import { goTo, openClientFromSidebar } from './steps';

/**
 * Changes main refused to save (a full disk) are kept in the window only. Once the note is left,
 * a banner on every page says so, offers "Try saving again" and the way back to the note, and
 * closing the window asks first; healed, one press saves them into the vault.
 */

const SLOW = { timeout: 30_000 };
const typed = 'Spoke about the move; sleep better since.';

/** Dispatches a beforeunload as closing the window would; true if the page refused to unload. */
const refusesToUnload = (page: Page) =>
  page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });

/** The workspace's banner for changes kept in this window, its retry button and its outcome. */
function heldBanner(page: Page) {
  const banner = page.getByRole('complementary', { name: 'Changes not saved' });
  return {
    banner,
    retry: banner.getByRole('button', { name: 'Try saving again' }),
    outcome: page.getByRole('status', { name: 'Saving kept changes' }),
  };
}

/** Closes the note; its last save is tried (and refused) first, then the client's page shows. */
async function leaveNote(page: Page) {
  await page.getByRole('button', { name: 'Close note' }).click();
  await expect(page.getByRole('tab', { name: 'Sessions' })).toBeVisible(SLOW);
}

test('a note’s changes refused by a full disk: a banner on every page, closing asks first, "Try saving again" saves them', async ({
  page,
  openApp,
  backend,
  dataDir,
}) => {
  test.setTimeout(180_000);
  const { call, session } = await seedClient(dataDir, backend, {
    clinician: 'Dr. Sam Field',
    code: 'HC-01',
    displayName: 'Hal Cope',
  });
  const note = await call<Note>('notes:create', {
    sessionId: (await session(daysAgo(1))).id,
    templateId: 'soap',
  });
  const { banner, outcome, retry } = heldBanner(page);
  const subjective = page.getByLabel('Subjective', { exact: true });
  let disk = { heal: () => {}, settled: async () => {} };

  await test.step('typing into the note while the disk is full: the note says it is not saved', async () => {
    await openApp();
    await openClientFromSidebar(page, 'HC-01');
    await page.getByRole('button', { name: /^Open note of / }).click();
    await expect(subjective).toBeVisible(SLOW);
    disk = failing(backend, ['notes:saveDraft']);
    await subjective.fill(typed);
    await expect(page.getByRole('status', { name: 'Note save state' })).toContainText('Not saved', SLOW);
    await expect(banner).toContainText('1 note has changes that could not be saved', SLOW);
  });

  await test.step('left for Today, the banner stays, naming the note', async () => {
    await leaveNote(page);
    await goTo(page, 'Today');
    await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible(SLOW);
    await expect(banner).toContainText('They are kept in this window only until saved', SLOW);
    await expect(banner.getByRole('button', { name: /^Open HC-01’s note of / })).toBeVisible();
  });

  await test.step('closing the window asks first, and staying keeps the page', async () => {
    expect(await refusesToUnload(page)).toBe(true);
    const asked = page.waitForEvent('dialog', SLOW);
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    expect(page.isClosed()).toBe(false);
    await expect(banner).toBeVisible();
  });

  await test.step('trying again while the disk is still full says so, and the banner stays', async () => {
    await retry.click();
    await expect(outcome).toHaveText(
      '1 change still could not be saved. No space left on the disk. They stay kept in this window until saved.',
      SLOW,
    );
    await expect(banner).toBeVisible();
    await expect(retry).toBeEnabled();
  });

  await test.step('the banner’s link opens the note with the text typed', async () => {
    await banner.getByRole('button', { name: /^Open HC-01’s note of / }).click();
    await expect(subjective).toHaveValue(typed, SLOW);
    // Opened from Today, the note closes back to Today.
    await page.getByRole('button', { name: 'Close note' }).click();
    await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible(SLOW);
    await expect(banner).toBeVisible(SLOW);
  });

  await test.step('space freed, "Try saving again" saves it: announced, the banner goes, closing no longer asks', async () => {
    // The editor's last save, sent as it closed, is refused first: the retry is what saves.
    await disk.settled();
    disk.heal();
    await retry.click();
    await expect(outcome).toHaveText('Saved 1 change. Nothing is waiting any more.', SLOW);
    await expect(banner).toHaveCount(0);
    expect(await refusesToUnload(page)).toBe(false);
  });

  await test.step('the text is in the vault, and reopening the note shows it saved', async () => {
    const stored = await call<Note>('notes:get', { id: note.id });
    expect(stored.sections.subjective).toBe(typed);
    await openClientFromSidebar(page, 'HC-01');
    await page.getByRole('button', { name: /^Open note of / }).click();
    await expect(subjective).toHaveValue(typed, SLOW);
    await expect(page.getByRole('status', { name: 'Note save state' })).toContainText('Saved', SLOW);
    await expect(page.getByRole('status', { name: 'Note save state' })).not.toContainText('Not saved');
  });
});

test('a treatment plan’s changes refused by a full disk are in the banner too, which leads to the plan and saves them', async ({
  page,
  openApp,
  backend,
  dataDir,
}) => {
  test.setTimeout(180_000);
  const { call, client } = await seedClient(dataDir, backend, {
    clinician: 'Dr. Sam Field',
    code: 'HC-02',
    displayName: 'Hana Cole',
  });
  const { banner, outcome, retry } = heldBanner(page);
  const problem = 'Sleep broken since the accident';
  const panel = page.getByRole('region', { name: 'Treatment plan', exact: true });
  const problemBox = panel.getByRole('textbox', { name: 'Problem 1', exact: true });
  let disk = { heal: () => {}, settled: async () => {} };

  await test.step('a plan typed while the disk is full, then left: the banner names the plan', async () => {
    await openApp();
    await openClientFromSidebar(page, 'HC-02');
    await page.getByRole('tab', { name: 'Treatment' }).click();
    await panel.getByRole('button', { name: 'Write a treatment plan' }).click();
    await panel.getByRole('button', { name: 'Add problem' }).click(SLOW);
    await expect(problemBox).toBeVisible(SLOW);
    disk = failing(backend, ['plans:save']);
    await problemBox.fill(problem);
    await goTo(page, 'Today');
    await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible(SLOW);
    await expect(banner).toContainText('1 treatment plan has changes that could not be saved', SLOW);
    expect(await refusesToUnload(page)).toBe(true);
  });

  await test.step('its link opens the client’s Treatment tab with the plan as typed', async () => {
    await banner.getByRole('button', { name: 'Open HC-02’s treatment plan' }).click();
    await expect(problemBox).toHaveValue(problem, SLOW);
    await goTo(page, 'Today');
    await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible(SLOW);
    await expect(banner).toBeVisible(SLOW);
  });

  await test.step('space freed, "Try saving again" saves the plan into the vault', async () => {
    // The editor's last save, sent as it closed, is refused first: the retry is what saves.
    await disk.settled();
    disk.heal();
    await retry.click();
    await expect(outcome).toHaveText('Saved 1 change. Nothing is waiting any more.', SLOW);
    await expect(banner).toHaveCount(0);
    expect(await refusesToUnload(page)).toBe(false);
    const plans = await call<Array<{ problems: Array<{ text: string }> }>>('plans:list', {
      clientId: client.id,
    });
    expect(plans[0]?.problems.map((p) => p.text)).toEqual([problem]);
  });
});
