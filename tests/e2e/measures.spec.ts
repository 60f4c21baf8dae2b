import type { Locator, Page } from '@playwright/test';
import { expect, test } from './harness';
import { seedDemoVault } from './seed';
import { expectAccessible, goTo, openClientFromSidebar, unlock } from './steps';

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const measuresOf = (page: Page) => page.getByRole('region', { name: 'Outcome measures' });

/** Outcome-rating totals over the eight sessions, oldest first: from the clinical range to above the line. */
const totals = [14, 16, 18, 20, 22, 26, 28, 30];
const outcomeItems = [/^1\. Individually/, /^2\. Interpersonally/, /^3\. Socially/, /^4\. Overall/];

async function enterOutcome(region: Locator, total: number): Promise<void> {
  await region.getByRole('button', { name: 'Add Outcome rating' }).click();
  for (const item of outcomeItems) {
    await region.getByRole('spinbutton', { name: item }).fill(String(total / 4));
  }
  await expect(region.getByText(`Total ${total} of 40`)).toBeVisible();
  await region.getByRole('button', { name: 'Save Outcome rating' }).click();
  await expect(region.getByRole('button', { name: 'Edit Outcome rating' })).toBeVisible();
}

test("a client's outcome measures over 8 sessions, entered in the notes, charted with the cut-off; PHQ-9 item 9 flagged in the note and on Today; axe", async ({
  page,
  openApp,
  dataDir,
}) => {
  // Eight notes opened and closed, two forms, three screens checked by axe in both themes.
  test.setTimeout(360_000);
  const demo = await seedDemoVault(dataDir, { clients: 1, sessionsPerClient: 8, seed: 5 });
  const code = demo.clients[0]!.code;
  await openApp();
  await unlock(page);
  await openClientFromSidebar(page, code);
  const table = page.getByRole('table', { name: 'Sessions' });
  const openButtons = table.getByRole('button', { name: /^Open note of / });
  await expect(openButtons).toHaveCount(8);

  for (const [k, total] of totals.entries()) {
    // The table lists the newest first: the k-th oldest session is row 8 − k.
    await openButtons.nth(7 - k).click();
    const region = measuresOf(page);
    await expect(region).toBeVisible();
    if (k === 0) {
      // Save refuses a form with an item left blank, and says how to keep it partly answered.
      await region.getByRole('button', { name: 'Add Outcome rating' }).click();
      await region.getByRole('spinbutton', { name: outcomeItems[0]! }).fill('3');
      await region.getByRole('button', { name: 'Save Outcome rating' }).click();
      await expect(region.getByRole('alert')).toHaveText(
        '3 Outcome rating items are not answered. Answer every item, or tick “Keep as partly answered” to save it without a score.',
      );
      await region.getByRole('button', { name: 'Cancel' }).click();
      // What does not read as a number counts for nothing: the total counted the 7 before the "e".
      await region.getByRole('button', { name: 'Add Outcome rating' }).click();
      for (const item of outcomeItems.slice(1))
        await region.getByRole('spinbutton', { name: item }).fill('6');
      await region.getByRole('spinbutton', { name: outcomeItems[0]! }).pressSequentially('7e');
      await expect(region.getByText('Enter a number, or leave the field blank.')).toBeVisible();
      await expect(region.getByText(/Total 25 of 40/)).toHaveCount(0);
      // Save says so in the app's words (the browser's own bubble before).
      await region.getByRole('button', { name: 'Save Outcome rating' }).click();
      await expect(
        region.getByRole('alert').filter({ hasText: '1 Outcome rating item is not answered' }),
      ).toBeVisible();
      await region.getByRole('button', { name: 'Cancel' }).click();
    }
    await enterOutcome(region, total);
    if (k === totals.length - 1) {
      // The latest session also gets a PHQ-9 with item 9 answered: flagged as the form is filled.
      await region.getByRole('button', { name: 'Add PHQ-9' }).click();
      for (let item = 1; item <= 9; item++) {
        const group = region.getByRole('group', { name: new RegExp(`^${item}\\. `) });
        await group
          .getByRole('radio', { name: item === 9 || item === 2 ? /^Several days/ : /^Not at all/ })
          .check();
      }
      await expect(region.getByText('Total 2 of 27: minimal (below the clinical range).')).toBeVisible();
      await expect(region.getByText(/^Risk follow-up:/).first()).toBeVisible();
      // Not saved yet: leaving the note and coming back finds the form open with its answers.
      await page.getByRole('button', { name: 'Close note' }).click();
      await openButtons.nth(0).click();
      await expect(region.getByText('Total 2 of 27: minimal (below the clinical range).')).toBeVisible();
      await expectAccessible(page, 'note editor, PHQ-9 form open');
      await region.getByRole('button', { name: 'Save PHQ-9' }).click();
      await expect(region.getByRole('button', { name: 'Edit PHQ-9' })).toBeVisible();
      // Saved, the flag stays beside the measure.
      await expect(
        region.getByText(/PHQ-9 item 9 \(thoughts of death or self-harm\) was answered/),
      ).toBeVisible();
    }
    await page.getByRole('button', { name: 'Close note' }).click();
  }

  // The Patterns tab: the outcome rating over the eight sessions, with its cut-off line and a table.
  await tab(page, 'Patterns').click();
  const figure = page.getByRole('figure', { name: 'Outcome rating', exact: true });
  await expect(figure).toBeVisible();
  await expect(figure.locator('svg').getByText('Cut-off 25')).toBeVisible();
  await expect(figure.locator('.chart-legend').getByText('Clinical cut-off (25)')).toBeVisible();
  await expect(figure).toContainText(
    'First 14 (clinical range), latest 30 (non-clinical range): a reliable improvement',
  );
  await expect(figure.locator('.measure-dot')).toHaveCount(8);
  await expect(figure.locator('.measure-dot.reliable-improvement')).toHaveCount(5); // 20 and on: 6+ above 14
  await expectAccessible(page, 'client page, Patterns tab with outcome measures');
  await figure.getByRole('button', { name: 'View as table' }).click();
  const rows = figure.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(8);
  await expect(rows.last()).toContainText('30');
  await expect(rows.last()).toContainText('reliable improvement');
  // The dates chosen above the charts filter the measures too: from the fifth session on, four
  // administrations, the change still counted from the first one (before the range).
  const starts = demo.sessions.map((s) => s.startsAt.slice(0, 10)).sort();
  await page.getByLabel('From', { exact: true }).fill(starts[4]!);
  await expect(rows).toHaveCount(4);
  await expect(rows.last()).toContainText('reliable improvement');
  await page.getByLabel('From', { exact: true }).fill('');
  await expect(rows).toHaveCount(8);
  // One PHQ-9 is said in words (no chart of one point), its risk answer included.
  await expect(page.getByRole('figure', { name: 'PHQ-9', exact: true })).toContainText('follow up on risk');

  // Today lists the measure to follow up, in words, one click from the note.
  await goTo(page, 'Today');
  const followUp = page.getByRole('region', { name: /Measures to follow up/ });
  await expect(followUp).toContainText(code);
  await expect(followUp).toContainText(
    'PHQ-9 item 9 (thoughts of death or self-harm) was answered above “Not at all”',
  );
  await expectAccessible(page, 'Today with a measure to follow up');
});
