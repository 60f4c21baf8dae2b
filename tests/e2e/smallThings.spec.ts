import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Backend } from '../../main/ipc/createBackend';
import type { Client } from '../../shared/domain/clientSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import { expect, test } from './harness';
import { caller, createTestVault } from './seed';
import { expectAccessible, goTo, openClientFromSidebar, passphrase, unlock } from './steps';

/** A vault (locked again) with one client and one session without a note. */
async function seedClient(dataDir: string, backend: Backend, code: string) {
  await (await createTestVault(dataDir)).lock();
  const call = caller(backend);
  await call('vault:unlock', { passphrase });
  await call('settings:update', { clinicianName: 'Dr. Sam Okafor' });
  const client = await call<Client>('clients:create', {
    code,
    displayName: 'Robin Vale',
    startDate: '2026-01-05',
    concerns: [],
    goals: [],
  });
  const session = await call<Session>('sessions:create', {
    clientId: client.id,
    startsAt: '2026-11-30T10:00:00.000Z',
    durationMinutes: 50,
    modality: 'in-person',
    attendance: 'attended',
  });
  await call('vault:lock', { reason: 'user' });
  return { client, session };
}

test('the recovery key: Copy (cleared later), Print (the key alone, with instructions), Save to file', async ({
  page,
  openApp,
  dataDir,
  fileChooser,
  clipboard,
}) => {
  // window.print opens the system's print dialog in the app; here it records what would print.
  await page.addInitScript(() => {
    const w = window as unknown as { __printed: string[] };
    w.__printed = [];
    window.print = () => {
      w.__printed.push(document.querySelector('.print-frame')?.textContent ?? '');
    };
  });
  await openApp();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();
  const shown = page.getByRole('textbox', { name: 'Recovery key' });
  await expect(shown).toHaveValue(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){13}$/);
  const key = await shown.inputValue();

  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'copied' })).toContainText(
    'clears the clipboard in 60 seconds',
  );
  expect(clipboard.text).toBe(key);

  await page.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'printer' })).toBeVisible();
  const printed = await page.evaluate(() => (window as unknown as { __printed: string[] }).__printed);
  expect(printed).toHaveLength(1);
  expect(printed[0]).toContain(key);
  expect(printed[0]).toContain('Forgot your passphrase?');
  expect(printed[0]).toContain('away from your computer');
  // Only the key's page is in the print frame, and it is gone once printed.
  await expect(page.locator('.print-frame')).toHaveCount(0);

  // Cancelling the save dialog writes nothing and says nothing.
  await page.getByRole('button', { name: 'Save to file…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'saved to' })).toHaveCount(0);
  const usb = join(dataDir, 'usb');
  await mkdir(usb);
  const target = join(usb, 'key for the safe.txt');
  fileChooser.choose(target);
  await page.getByRole('button', { name: 'Save to file…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'saved to' })).toContainText(
    'Keep it off this computer',
  );
  expect(fileChooser.saveDefaults.every((p) => p.endsWith('Attune recovery key.txt'))).toBe(true);
  expect(fileChooser.asked).toEqual(['recovery-key', 'recovery-key']);
  const text = await readFile(target, 'utf8');
  expect(text).toContain(`\n${key}\n`);
  expect(text).toContain('Keep this file off this computer');
  expect(await readdir(usb)).toEqual(['key for the safe.txt']);
  await expectAccessible(page, 'recovery key');

  await page.getByLabel('I have stored my recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
});

test('exports: Save as… to a chosen path, then Show in folder; the folder is remembered', async ({
  page,
  openApp,
  dataDir,
  backend,
  fileChooser,
}) => {
  // Two exports, a PDF and axe in both themes on two screens: over a minute on a loaded machine.
  test.setTimeout(150_000);
  await seedClient(dataDir, backend, 'C-600');
  await openApp();
  await unlock(page);

  // Everything out, into a folder the user chooses; Show in folder opens at the file written.
  const folder = join(dataDir, 'chosen exports');
  await mkdir(folder);
  await goTo(page, 'Settings');
  const section = page.getByRole('region', { name: 'Export and import all records' });
  fileChooser.choose(folder);
  await section.getByRole('button', { name: 'Export all records…' }).click();
  const status = section.getByRole('status').filter({ hasText: 'Exported' });
  await expect(status).toContainText(folder);
  const [written] = await readdir(folder);
  expect(written).toMatch(/\.json$/);
  await status.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => fileChooser.shown).toEqual([join(folder, written ?? '')]);
  await expectAccessible(page, 'settings after an export');
  // The next export's dialog opens where this one went.
  await section.getByRole('button', { name: 'Export all records…' }).click();
  await expect.poll(() => fileChooser.folderDefaults.at(-1)).toBe(folder);

  // A case summary saved as a PDF under a name and folder the user picks.
  await openClientFromSidebar(page, 'C-600');
  // The client page's button (its wording has changed as the page was reworked).
  await page.getByRole('button', { name: /^(Build|Case) review packet$/ }).click();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Preview: what will leave this computer' })).toBeVisible();
  const pdf = join(dataDir, 'supervision', 'for Thursday.pdf');
  await mkdir(join(dataDir, 'supervision'));
  fileChooser.choose(pdf);
  await page.getByRole('button', { name: 'Save PDF summary' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'PDF saved to' });
  await expect(saved).toContainText(pdf);
  // The dialog opened in the folder of the last export, at the packet's own name.
  expect(fileChooser.saveDefaults.at(-1)).toMatch(
    new RegExp(
      `^${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/Client-A-\\d{4}-\\d{2}-\\d{2}-summary\\.pdf$`,
    ),
  );
  expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
  await saved.getByRole('button', { name: 'Show in folder' }).click();
  await expect.poll(() => fileChooser.shown.at(-1)).toBe(pdf);
  await expectAccessible(page, 'packet builder after saving the PDF');
});

test('templates: duplicate a built-in one, add a section of your own, use it in a new note; a used one cannot be removed, an unused one can', async ({
  page,
  openApp,
  dataDir,
  backend,
}) => {
  await seedClient(dataDir, backend, 'C-500');
  await openApp();
  await unlock(page);
  await goTo(page, 'Settings');
  const templates = page.getByRole('region', { name: 'Note templates' });
  // Built-in templates can be duplicated, not edited or removed.
  await expect(templates.getByRole('button', { name: 'Edit “SOAP”' })).toHaveCount(0);
  await expect(templates.getByRole('button', { name: 'Remove “SOAP”' })).toHaveCount(0);
  await templates.getByRole('button', { name: 'Duplicate “SOAP”' }).click();
  const editor = templates.getByRole('form', { name: 'Edit “SOAP (copy)”' });
  await expect(editor).toBeVisible();
  await editor.getByLabel('Template name').fill('Couples SOAP');
  await editor.getByRole('button', { name: 'Add section' }).click();
  await editor.getByLabel('Heading of section 4').fill('The cycle');
  await editor
    .getByLabel('Prompt of section 4')
    .fill('Pursue and withdraw: who did what, and what softened it.');
  await editor.getByRole('button', { name: 'Move “The cycle” up' }).click();
  await expect(editor.getByLabel('Heading of section 3')).toHaveValue('The cycle');
  await editor.getByLabel('Heading of section 1').fill('Each partner’s account');
  await expectAccessible(page, 'template editor');
  await editor.getByRole('button', { name: 'Save template' }).click();
  await expect(templates.getByRole('status')).toHaveText('Template “Couples SOAP” saved.');

  // Used in a new note: its sections, in its order, in the editor.
  await openClientFromSidebar(page, 'C-500');
  await page.getByLabel('Template for new notes').selectOption({ label: 'Couples SOAP' });
  await page.getByRole('button', { name: /^New note/ }).click();
  await expect(page.getByLabel('The cycle', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Each partner’s account', { exact: true })).toBeVisible();
  await page
    .getByLabel('The cycle', { exact: true })
    .fill('She pursued, he went quiet; naming it softened both.');

  // A template a note uses cannot be removed, and the screen says why.
  await goTo(page, 'Settings');
  await templates.getByRole('button', { name: 'Remove “Couples SOAP”' }).click();
  await expect(templates.getByRole('alert')).toContainText(
    '“Couples SOAP” is used by 1 note, so it can’t be removed',
  );
  await expect(templates.getByText('yours, used by 1 note')).toBeVisible();

  // An unused one can, after a confirmation.
  await templates.getByRole('button', { name: 'Duplicate “DAP”' }).click();
  await templates
    .getByRole('form', { name: 'Edit “DAP (copy)”' })
    .getByRole('button', { name: 'Cancel' })
    .click();
  await templates.getByRole('button', { name: 'Remove “DAP (copy)”' }).click();
  await templates
    .getByRole('group', { name: 'Remove “DAP (copy)”?' })
    .getByRole('button', { name: 'Remove template' })
    .click();
  await expect(templates.getByRole('status')).toHaveText('Template “DAP (copy)” removed.');
  await expect(templates.getByRole('list', { name: 'Templates' }).getByText('DAP (copy)')).toHaveCount(0);
  const left = await caller(backend)<Array<{ name: string }>>('templates:list');
  expect(left.map((t) => t.name)).toEqual(['Narrative', 'SOAP', 'DAP', 'BIRP', 'Couples SOAP']);
});
