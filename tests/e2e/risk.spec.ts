import type { Page } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import { expect, test } from './harness';
import { createVault, expectAccessible, goTo, openClientFromSidebar, unlock } from './steps';

/**
 * Issue 15, item 4, through the screens: a note's risk section assessed high (signing asks for
 * the actions taken) raises the badge on the client list, the sidebar and the client's header;
 * Today lists the follow-up, whose "Write note" opens the next session's note with the reminder;
 * the client's safety plan is written, refused with a message (nothing typed lost), saved and shown.
 */

/** A contract call through the real handlers; fails the test on an error. */
async function api<T>(backend: Backend, method: string, input?: unknown): Promise<T> {
  const result = (await backend.router.call(method, input)) as
    | { ok: true; value: T }
    | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}

const DAY = 86_400_000;
/** A session `daysAgo` days before now, at 10:00 UTC. */
const daysAgo = (days: number) =>
  `${new Date(Date.now() - days * DAY).toISOString().slice(0, 10)}T10:00:00.000Z`;

async function choose(page: Page, group: string, answer: string): Promise<void> {
  await page
    .getByRole('radiogroup', { name: group })
    .getByRole('radio', { name: answer, exact: true })
    .check();
}

test('a high risk assessment raises the badge, the next note’s reminder and Today’s follow-up; the safety plan is saved and shown; axe', async ({
  page,
  openApp,
  backend,
}, testInfo) => {
  test.setTimeout(360_000);
  const code = 'R-001';
  await test.step('a client with two sessions, the index filled at unlock', async () => {
    await openApp();
    await createVault(page);
    await api(backend, 'settings:update', { clinicianName: 'Dr. Ada Lane' });
    const client = await api<{ id: string }>(backend, 'clients:create', {
      code,
      startDate: daysAgo(30).slice(0, 10),
      concerns: [],
      goals: [],
    });
    for (const days of [8, 1]) {
      await api(backend, 'sessions:create', {
        clientId: client.id,
        startsAt: daysAgo(days),
        durationMinutes: 50,
        modality: 'in-person',
        attendance: 'attended',
      });
    }
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlock(page);
  });

  const risk = page.getByRole('region', { name: 'Risk assessment' });
  await test.step('the first session’s note: a risk section at high, signed once the actions are written', async () => {
    await openClientFromSidebar(page, code);
    const table = page.getByRole('table', { name: 'Sessions' });
    // Newest first: the second row is the older session.
    await table
      .getByRole('button', { name: /^New note for / })
      .nth(1)
      .click();
    await risk.getByRole('button', { name: 'Add a risk assessment' }).click({ timeout: 30_000 });
    await choose(page, 'Suicidal ideation', 'Active, without a plan');
    await choose(page, 'Intent', 'No');
    await choose(page, 'Plan', 'No');
    await choose(page, 'Access to means', 'Unclear');
    await risk.getByLabel('Protective factors').fill('Her children; engaged in therapy.');
    await choose(page, 'Risk level', 'High');
    // At high risk the actions taken are asked for before signing, in words.
    await expect(risk.getByText(/risk is high, so write the actions taken/)).toBeVisible();
    await expectAccessible(page, 'note editor with a risk section');
    await risk.screenshot({ path: testInfo.outputPath('risk-section.png') });
    await page.getByRole('button', { name: 'Sign note' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign this note?' });
    // Said in the dialog before Sign is pressed, and refused by main if it is.
    await expect(dialog.getByText('The risk assessment is not complete:')).toBeVisible();
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('write the actions taken', { timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await risk.getByLabel('Actions taken').fill('Safety plan reviewed; crisis line given; sister informed.');
    await page.getByRole('button', { name: 'Sign note' }).click();
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(page.getByText(/Signed on .* by Dr\. Ada Lane/)).toBeVisible({ timeout: 30_000 });
    // Signed, the section reads as words.
    await expect(risk.getByText('Active, without a plan')).toBeVisible();
    await expect(risk.getByText('Safety plan reviewed; crisis line given; sister informed.')).toBeVisible();
    await page.getByRole('button', { name: 'Close note' }).click();
  });

  await test.step('the badge: client header, sidebar and client list, in words', async () => {
    const header = page.locator('.client-head');
    await expect(header.getByText('High risk', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(
      page
        .getByRole('navigation', { name: 'Clients' })
        .getByRole('link', { name: new RegExp(`^${code}.*High risk`) }),
    ).toBeVisible();
    await goTo(page, 'Clients');
    const row = page.getByRole('table', { name: 'Clients' }).getByRole('row', { name: new RegExp(code) });
    await expect(row.getByText('High risk', { exact: true })).toBeVisible();
    await expectAccessible(page, 'client list with a risk badge');
    await page.screenshot({ path: testInfo.outputPath('client-list.png') });
  });

  await test.step('Today lists the follow-up; Write note opens the next session’s note with the reminder', async () => {
    await goTo(page, 'Today');
    const followUps = page.getByRole('region', { name: /^Risk follow-ups/ });
    await expect(followUps.getByRole('button', { name: code, exact: true })).toBeVisible();
    await expect(followUps).toContainText('Assessed high on');
    await expectAccessible(page, 'Today with a risk follow-up');
    await page.screenshot({ path: testInfo.outputPath('today.png') });
    await followUps.getByRole('button', { name: 'Write note' }).click();
    const reminder = page.getByRole('note', { name: 'Risk reminder' });
    await expect(reminder).toContainText(/Risk was assessed as high on .*\. Review risk this session\./, {
      timeout: 30_000,
    });
    await expectAccessible(page, 'note editor with the risk reminder');
    await page.screenshot({ path: testInfo.outputPath('reminder.png') });
    await reminder.getByRole('button', { name: 'Add a risk assessment' }).click();
    // The section is open; the reminder has done its work.
    await expect(page.getByRole('radiogroup', { name: 'Suicidal ideation' })).toBeVisible();
    await expect(reminder).toHaveCount(0);
    await risk.getByRole('button', { name: 'Remove risk assessment' }).click();
    await expect(reminder).toBeVisible();
    await page.getByRole('button', { name: 'Close note' }).click();
  });

  await test.step('the safety plan: refused with a message and nothing lost, then saved and shown', async () => {
    await openClientFromSidebar(page, code);
    await page.getByRole('tab', { name: 'Treatment', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Safety plan' });
    const field = (name: string) => panel.getByRole('textbox', { name, exact: true });
    await panel.getByRole('button', { name: 'Write a safety plan' }).click();
    await field('Warning sign 1').fill('Not sleeping');
    await panel.getByRole('button', { name: 'Add warning sign' }).click();
    await field('Warning sign 2').fill('Stops answering messages');
    await field('Coping strategy 1').fill('Walk the dog');
    // How to reach someone, but no name: refused with what to do, the rows kept.
    await field('Contact 1: how to reach').fill('555-0101');
    await field('Crisis line 1: name').fill('988 Suicide & Crisis Lifeline');
    await field('Crisis line 1: how to reach').fill('Call or text 988');
    await field('Reason 1').fill('My children');
    await panel.getByRole('button', { name: 'Save safety plan' }).click();
    await expect(panel.getByText('Each contact name needs some text.')).toBeVisible();
    await expect(field('Warning sign 2')).toHaveValue('Stops answering messages');
    await expectAccessible(page, 'safety plan form with a message');
    await panel.screenshot({ path: testInfo.outputPath('safety-plan-form.png') });
    await field('Contact 1: name').fill('Sam (sister)');
    await panel.getByRole('button', { name: 'Save safety plan' }).click();
    await expect(panel.getByRole('status')).toContainText('Safety plan saved');
    // Shown again after leaving the page: read back from the vault.
    await goTo(page, 'Today');
    await openClientFromSidebar(page, code);
    await page.getByRole('tab', { name: 'Treatment', exact: true }).click();
    for (const text of [
      'Not sleeping',
      'Stops answering messages',
      'Sam (sister): 555-0101',
      '988 Suicide & Crisis Lifeline: Call or text 988',
      'My children',
    ]) {
      await expect(panel.getByText(text, { exact: true })).toBeVisible({ timeout: 30_000 });
    }
    await expect(panel.getByRole('button', { name: 'Print for the client' })).toBeVisible();
    // Cancel asks before dropping what was typed.
    await panel.getByRole('button', { name: 'Edit safety plan' }).click();
    await field('Warning sign 1').fill('Not sleeping for two nights');
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(panel.getByText('Discard the changes to the safety plan?')).toBeVisible();
    await panel.getByRole('button', { name: 'Keep editing' }).click();
    await expect(field('Warning sign 1')).toHaveValue('Not sleeping for two nights');
    // Nor does a lock drop it: the editor opens again with what was typed.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlock(page);
    await openClientFromSidebar(page, code);
    await page.getByRole('tab', { name: 'Treatment', exact: true }).click();
    await expect(panel.getByText('What you typed into the safety plan before is back')).toBeVisible();
    await expect(field('Warning sign 1')).toHaveValue('Not sleeping for two nights');
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.getByRole('button', { name: 'Discard changes' }).click();
    await expect(panel.getByText('Not sleeping', { exact: true })).toBeVisible();
    await expectAccessible(page, 'Treatment tab with the safety plan');
    await panel.screenshot({ path: testInfo.outputPath('safety-plan.png') });
  });
});
