import type { Locator, Page } from '@playwright/test';
import { DEMO_CLINICIAN } from '../../main/services/demo/generateDemo';
import { expect, test } from './harness';
import { openTestVault, seedDemoVault } from './seed';
import { expectAccessible, goTo, openClientFromSidebar, unlock } from './steps';

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const planPanel = (page: Page) => page.getByRole('region', { name: 'Treatment plan', exact: true });

/** A calendar day `days` from today, yyyy-mm-dd in local time, as a date field holds it. */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Waits for the draft's autosave to report it saved. */
async function expectSaved(editor: Locator): Promise<void> {
  await expect(editor.getByRole('status').filter({ hasText: /^Saved / })).toBeVisible({ timeout: 30_000 });
}

async function signDraft(page: Page, editor: Locator, version: number): Promise<void> {
  await expectSaved(editor);
  await editor.getByRole('button', { name: 'Sign plan' }).click();
  const dialog = page.getByRole('dialog', { name: `Sign version ${version} of the treatment plan?` });
  await expect(dialog.getByText(`It will be signed as ${DEMO_CLINICIAN}.`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Sign plan' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

test('a treatment plan with two goals, signed, revised into version 2 with version 1 still readable; the review reminder on Today and the Treatment tab; axe', async ({
  page,
  openApp,
  dataDir,
}, testInfo) => {
  test.setTimeout(300_000);
  const demo = await seedDemoVault(dataDir, { clients: 2, sessionsPerClient: 3, seed: 15 });
  const code = demo.clients[0]!.code;
  await openApp();
  await unlock(page);
  await openClientFromSidebar(page, code);
  await tab(page, 'Treatment').click();

  // The empty state says once what a plan is for, and offers to write one.
  const panel = planPanel(page);
  await expect(
    panel.getByText(/^A treatment plan records what you and the client are working on/),
  ).toBeVisible();
  await expectAccessible(page, 'Treatment tab, no plan yet');
  // The tab's three cards stand apart, as cards do on a page (they touched).
  const boxes = [];
  for (const name of ['Treatment plan', 'Diagnoses', 'Safety plan']) {
    const box = await page.getByRole('region', { name, exact: true }).boundingBox();
    if (!box) throw new Error(`The ${name} card is not on screen.`);
    boxes.push(box);
  }
  for (let i = 1; i < boxes.length; i++)
    expect(boxes[i]!.y - (boxes[i - 1]!.y + boxes[i - 1]!.height)).toBeGreaterThanOrEqual(12);
  await panel.getByRole('button', { name: 'Write a treatment plan' }).press('Enter');

  const editor = panel.getByRole('region', { name: 'Draft plan' });
  await expect(editor).toBeVisible();
  // The button that started it is gone: focus goes to the editor's heading, not the page body.
  await expect(editor.getByRole('heading', { name: 'Draft plan' })).toBeFocused();
  // A goal left without words is marked beside its field once the draft autosaves.
  await editor.getByRole('button', { name: 'Add goal' }).click();
  const goal1 = editor.getByRole('group', { name: 'Goal 1', exact: true });
  await expect(goal1.getByText('Write the goal.')).toBeVisible({ timeout: 30_000 });
  await expect(editor.getByRole('status')).toHaveText(
    /^Not saved yet: some fields need attention.*kept, encrypted, on this computer/,
  );
  // Kept in the vault, not only in this window: after a reload the goal is still there.
  await page.reload();
  if (await page.getByLabel('Passphrase').isVisible()) await unlock(page);
  await openClientFromSidebar(page, code);
  await tab(page, 'Treatment').click();
  await expect(goal1.getByText('Write the goal.')).toBeVisible({ timeout: 30_000 });

  await editor.getByRole('button', { name: 'Add problem' }).click();
  await editor.getByRole('textbox', { name: 'Problem 1', exact: true }).fill('Low mood since the divorce');
  await goal1.getByLabel('Goal', { exact: true }).fill('Feel like myself again');
  await goal1.getByRole('checkbox', { name: 'Low mood since the divorce' }).check();
  await goal1.getByRole('button', { name: 'Add objective to goal 1' }).click();
  const objective = goal1.getByRole('group', { name: 'Objective 1 of goal 1' });
  await objective.getByLabel('Objective', { exact: true }).fill('PHQ-9 under 10');
  await objective.getByLabel('How it is measured').fill('PHQ-9 every month');
  await objective.getByLabel(/^Target date/).fill(dayFromToday(60));
  await expect(goal1.getByText('Write the goal.')).toBeHidden({ timeout: 30_000 });

  await editor.getByRole('button', { name: 'Add goal' }).click();
  const goal2 = editor.getByRole('group', { name: 'Goal 2', exact: true });
  await goal2.getByLabel('Goal', { exact: true }).fill('Sleep through the night');
  await editor.getByRole('button', { name: 'Add intervention' }).click();
  await editor
    .getByRole('textbox', { name: 'Intervention 1', exact: true })
    .fill('Weekly CBT with behavioural activation');
  // The review date has already passed (a plan written late, or a review missed).
  await editor.getByLabel('Review date').fill(dayFromToday(-3));
  await expectAccessible(page, 'treatment plan editor');
  await page.screenshot({ path: testInfo.outputPath('plan-editor.png'), fullPage: true });
  await signDraft(page, editor, 1);

  // Signed: read-only, with who signed, the goals, and the review reminder.
  await expect(panel.getByRole('region', { name: 'Draft plan' })).toBeHidden();
  await expect(panel.getByText(`Version 1, signed by ${DEMO_CLINICIAN} on`)).toBeVisible();
  await expect(panel.getByText('Feel like myself again')).toBeVisible();
  await expect(panel.getByText('Sleep through the night')).toBeVisible();
  await expect(panel.getByText(/measured by PHQ-9 every month/)).toBeVisible();
  await expect(panel.getByText(/^This plan’s review was due on /)).toBeVisible();
  await expect(panel.getByRole('textbox')).toHaveCount(0);
  await expectAccessible(page, 'Treatment tab, signed plan');
  await page.screenshot({ path: testInfo.outputPath('plan-signed.png'), fullPage: true });

  // Revising starts version 2 as a draft copied from version 1.
  await panel.getByRole('button', { name: 'Revise plan' }).press('Enter');
  const revision = panel.getByRole('region', { name: 'Draft revision, version 2' });
  await expect(revision).toBeVisible();
  await expect(revision.getByRole('heading', { name: 'Draft revision, version 2' })).toBeFocused();
  await expect(
    revision.getByRole('group', { name: 'Goal 1', exact: true }).getByLabel('Goal', { exact: true }),
  ).toHaveValue('Feel like myself again');
  await revision.getByRole('group', { name: 'Goal 2', exact: true }).getByLabel('Status').selectOption('met');
  await expect(panel.getByRole('button', { name: 'Revise plan' })).toBeHidden();
  // Version 1 stays readable, as signed, beside the draft.
  await panel.getByText(`The plan in force: version 1, signed by ${DEMO_CLINICIAN} on`).click();
  const inForce = panel.locator('details.plan-version').first();
  await expect(inForce.getByText('Sleep through the night')).toBeVisible();
  await expect(inForce.locator('.plan-goal-view').nth(1).getByText('Active')).toBeVisible();
  // Typed and left at once (no pause for the autosave): the words are there on coming back.
  await revision.getByLabel('Notes').fill('Fortnightly from March.');
  await tab(page, 'Sessions').click();
  await tab(page, 'Treatment').click();
  await expect(
    planPanel(page).getByRole('region', { name: 'Draft revision, version 2' }).getByLabel('Notes'),
  ).toHaveValue('Fortnightly from March.', { timeout: 30_000 });
  await expectSaved(planPanel(page).getByRole('region', { name: 'Draft revision, version 2' }));

  // Today lists the review; its row opens the client's Treatment tab, the draft kept as it was.
  await goTo(page, 'Today');
  const reviews = page.getByRole('region', { name: /^Plan reviews due/ });
  await expect(reviews).toBeVisible({ timeout: 30_000 });
  await expect(reviews.getByRole('button', { name: code, exact: true })).toBeVisible();
  await expectAccessible(page, 'Today with a plan review due');
  await page.screenshot({ path: testInfo.outputPath('today-plan-reviews.png'), fullPage: true });
  await reviews.getByRole('button', { name: 'Review plan' }).first().click();
  await expect(tab(page, 'Treatment')).toHaveAttribute('aria-selected', 'true');
  const again = planPanel(page).getByRole('region', { name: 'Draft revision, version 2' });
  await expect(again).toBeVisible();
  await expect(again.getByRole('group', { name: 'Goal 2', exact: true }).getByLabel('Status')).toHaveValue(
    'met',
  );
  await expect(planPanel(page).getByText(/^This plan’s review was due on /)).toBeVisible();

  // Signed with the next review ahead, version 2 is the plan; version 1 is kept as it was signed.
  await again.getByLabel('Review date').fill(dayFromToday(90));
  await signDraft(page, again, 2);
  await expect(planPanel(page).getByText(`Version 2, signed by ${DEMO_CLINICIAN} on`)).toBeVisible();
  await expect(planPanel(page).getByText(/^This plan’s review was due on /)).toBeHidden();
  const history = planPanel(page).getByRole('heading', { name: 'Earlier versions' }).locator('..');
  await history.getByText(/^Version 1, signed by /).click();
  const v1 = history.locator('details').first();
  await expect(v1.getByText('Sleep through the night')).toBeVisible();
  await expect(v1.locator('.plan-goal-view').nth(1).getByText('Active')).toBeVisible();
  await expectAccessible(page, 'Treatment tab, two versions');
  await page.screenshot({ path: testInfo.outputPath('plan-versions.png'), fullPage: true });

  // With the review recorded, Today no longer lists it, once main has answered (not merely before).
  await goTo(page, 'Today');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await expect(page.locator('main.today')).toHaveAttribute('data-plan-reviews', 'loaded');
  await expect(page.getByRole('region', { name: /^Plan reviews due/ })).toBeHidden();
});

test('a signed plan changed after signing is flagged as read, and revising it is refused', async ({
  page,
  openApp,
  dataDir,
}) => {
  test.setTimeout(180_000);
  const demo = await seedDemoVault(dataDir, { clients: 1, sessionsPerClient: 2, seed: 16 });
  const client = demo.clients[0]!;
  const vault = await openTestVault(dataDir);
  const at = '2025-06-01T10:00:00.000Z';
  await vault.put('treatment-plan', 'tampered-plan', {
    id: 'tampered-plan',
    clientId: client.id,
    version: 1,
    revises: null,
    status: 'signed',
    problems: [],
    goals: [
      {
        id: 'goal-1',
        text: 'Changed after signing',
        problemIds: [],
        objectives: [],
        targetDate: null,
        status: 'active',
      },
    ],
    interventions: [],
    reviewDate: '2099-01-01',
    notes: '',
    // The hash of some other content.
    signed: { at, by: DEMO_CLINICIAN, contentHash: 'ab'.repeat(32) },
    createdAt: at,
    updatedAt: at,
  });
  await vault.lock();

  await openApp();
  await unlock(page);
  await openClientFromSidebar(page, client.code);
  await tab(page, 'Treatment').click();
  const panel = planPanel(page);
  await expect(
    panel.getByRole('alert').filter({ hasText: /no longer matches the hash recorded when it was signed/ }),
  ).toBeVisible();
  await panel.getByRole('button', { name: 'Revise plan' }).click();
  await expect(
    panel.getByRole('alert').filter({ hasText: /was not copied into a new version. Run a vault check/ }),
  ).toBeVisible();
  await expect(panel.getByRole('region', { name: /^Draft/ })).toHaveCount(0);
  await expectAccessible(page, 'Treatment tab, a plan changed after signing');
});
