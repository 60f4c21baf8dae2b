import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SyncedVault } from '../../main/vault/v2/SyncedVault';
import { FolderSync } from '../sync/folderSync';
import { expect, test } from './harness';
import { expectAccessible, passphrase } from './steps';

/** The machine is busy (two cores, other tests): every step gets room. */
const SLOW = { timeout: 60_000 };

async function unlockHere(page: Page): Promise<void> {
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible(SLOW);
}

async function nameThisComputer(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const field = page.getByLabel('This computer’s name, as your other computers show it');
  await expect(field).toBeVisible(SLOW);
  await field.fill(name);
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText(`Your other computers will show “${name}”`)).toBeVisible(SLOW);
}

async function newClient(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'Clients', exact: true }).click();
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('Client code').fill(code);
  await page.getByRole('button', { name: 'Save client' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${code}`) })).toBeVisible(SLOW);
}

async function openNoteOf(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'Clients', exact: true }).click();
  await page.getByRole('button', { name: code, exact: true }).click();
  await page.getByRole('button', { name: /^Open note/ }).click();
}

async function saveNow(page: Page): Promise<void> {
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status', { name: 'Note save state' })).toContainText(/Saved/, SLOW);
}

// Issue 11: one vault on two computers. Two profiles (two data folders, two backends) hold the
// same format-2 vault folder, joined by the sync simulator as a sync tool would join them.
test('one vault on two computers: presence, a conflict resolved through the screens, a client code given twice', async ({
  page,
  dataDir,
  openApp,
  secondProfile,
}, testInfo) => {
  test.setTimeout(420_000);
  const office = page;
  const laptop = secondProfile.page;
  const officeVault = join(dataDir, 'vault');
  const laptopVault = join(secondProfile.dataDir, 'vault');
  const sync = new FolderSync({ folders: [officeVault, laptopVault], seed: 11, tool: 'syncthing' });
  /** The sync tool delivers everything outstanding; each app then merges it (its refresh loop). */
  const syncNow = () => sync.settle();

  try {
    await test.step('a shared (format-2) vault arrives on both computers; each unlocks and is named', async () => {
      // Cheap key derivation: this test is about the screens of several computers, not the KDF.
      const { vault } = await SyncedVault.create(officeVault, passphrase, {
        kdf: { memoryKiB: 8192, iterations: 1, parallelism: 1 },
        device: { name: 'Set-up' },
        heartbeatMs: 0,
      });
      await vault.lock();
      await syncNow();
      await openApp();
      await unlockHere(office);
      await nameThisComputer(office, 'Office iMac');
      await syncNow();
      await secondProfile.openApp();
      await unlockHere(laptop);
      await nameThisComputer(laptop, 'Laptop');
      await syncNow();
    });

    await test.step('a note written at the office arrives on the laptop', async () => {
      await newClient(office, 'C-014');
      await office.getByRole('button', { name: 'New session' }).click();
      await office.getByLabel('Template for new notes').selectOption({ label: 'SOAP' });
      await office.getByRole('button', { name: 'Save session' }).click();
      await office.getByRole('button', { name: /^New note/ }).click();
      await office.getByLabel('Subjective', { exact: true }).fill('Spoke about her sister.');
      await saveNow(office);
      await syncNow();
      await laptop.getByRole('button', { name: 'Clients', exact: true }).click();
      await expect(laptop.getByRole('button', { name: 'C-014', exact: true })).toBeVisible(SLOW);
    });

    await test.step('the laptop is warned that the note is open at the office, and edits anyway', async () => {
      await openNoteOf(laptop, 'C-014');
      const warning = laptop.getByRole('alert').filter({ hasText: 'Also open on Office iMac' });
      await expect(warning).toBeVisible(SLOW);
      await expect(warning).toContainText(/min ago|just now/);
      // The page keeps its heading while the warning stands in for the editor.
      await expect(laptop.getByRole('heading', { level: 1, name: /^Session note · C-014/ })).toBeVisible();
      await expectAccessible(laptop, 'warned of a note open on another computer');
      await laptop.getByRole('button', { name: 'Edit here anyway' }).click();
      await expect(laptop.getByRole('status').filter({ hasText: 'Also open on Office iMac' })).toBeVisible(
        SLOW,
      );
      await expect(laptop.getByLabel('Subjective', { exact: true })).toHaveValue(
        'Spoke about her sister.',
        SLOW,
      );
      await expectAccessible(laptop, 'note open on another computer');
    });

    await test.step('both computers change the draft before their files cross', async () => {
      await office.getByLabel('Plan', { exact: true }).fill('Office plan: review the genogram.');
      await saveNow(office);
      await laptop
        .getByLabel('Subjective', { exact: true })
        .fill('Laptop: spoke about her sister and her mother.');
      await laptop.getByLabel('Plan', { exact: true }).fill('Laptop plan: slow the pace.');
      await saveNow(laptop);
      await syncNow();
    });

    await test.step('the conflict is announced on the laptop and resolved there with parts of each version', async () => {
      await laptop.getByRole('button', { name: 'Clients', exact: true }).click();
      const notice = laptop.getByRole('status', { name: 'Edited on two computers' });
      await expect(notice).toContainText('1 note was edited on two computers at once', SLOW);
      await notice.getByRole('button', { name: 'Review' }).click();
      const card = laptop.getByRole('region', { name: /^Draft note, session of .*, client C-014$/ });
      await expect(card).toBeVisible(SLOW);
      await expect(card.getByRole('article', { name: 'Version from Office iMac' })).toContainText(
        'Office plan: review the genogram.',
      );
      await expect(card.getByRole('article', { name: 'Version from Laptop' })).toContainText(
        'Laptop plan: slow the pace.',
      );
      await expectAccessible(laptop, 'conflicts');
      await laptop.screenshot({ path: testInfo.outputPath('conflicts.png'), fullPage: true });
      await card.getByRole('radio', { name: 'Subjective from Laptop' }).check();
      await card.getByRole('radio', { name: 'Plan from Office iMac' }).check();
      await card.getByRole('button', { name: 'Save the note with these parts' }).click();
      await expect(laptop.getByText('Nothing to review.')).toBeVisible(SLOW);
      await expect(laptop.getByRole('status', { name: 'Edited on two computers' })).toHaveCount(0);
    });

    await test.step('the office shows the resolved note once the files arrive', async () => {
      await syncNow();
      await office.getByRole('button', { name: 'Clients', exact: true }).click();
      await expect(office.getByRole('status', { name: 'Edited on two computers' })).toHaveCount(0, SLOW);
      await openNoteOf(office, 'C-014');
      const edit = office.getByRole('button', { name: 'Edit here anyway' });
      if (await edit.isVisible()) await edit.click();
      await expect(office.getByLabel('Subjective', { exact: true })).toHaveValue(
        'Laptop: spoke about her sister and her mother.',
        SLOW,
      );
      await expect(office.getByLabel('Plan', { exact: true })).toHaveValue(
        'Office plan: review the genogram.',
      );
    });

    await test.step('a client code given on both computers before they sync: both kept, both flagged', async () => {
      await newClient(office, 'C-020');
      await newClient(laptop, 'C-020');
      await syncNow();
      await office.getByRole('button', { name: 'Clients', exact: true }).click();
      await expect(office.getByRole('row').filter({ hasText: 'Code used twice: change one' })).toHaveCount(
        2,
        SLOW,
      );
      await office.getByRole('button', { name: 'C-020', exact: true }).first().click();
      await expect(
        office.getByRole('status').filter({ hasText: 'Another client has the code C-020: change one' }),
      ).toBeVisible(SLOW);
      await expectAccessible(office, 'client with a shared code');
    });
  } finally {
    await sync.dispose();
  }
});
