import { expect, test } from './harness';

const passphrase = 'copper lantern orchard seventeen';

test('renderer → router → vault service → back: create, lock, unlock', async ({
  page,
  openApp,
  backend,
}, testInfo) => {
  await openApp();
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();

  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();

  const key = page.getByRole('textbox', { name: 'Recovery key' });
  await expect(key).toHaveValue(/\S{4}/);
  await page.getByLabel('I have stored my recovery key somewhere safe').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
  // The vault really exists on disk and is unlocked in the main-side service.
  expect(await backend.router.call('vault:status', undefined)).toMatchObject({
    ok: true,
    value: { state: 'unlocked' },
  });

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  expect(await backend.router.call('vault:status', undefined)).toMatchObject({
    ok: true,
    value: { state: 'locked' },
  });

  await page.getByLabel('Passphrase').fill('not the passphrase');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText(/passphrase/i);

  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath('frame-unlocked.png') });
});

test('the router refuses input that fails the contract schema', async ({ page, openApp }) => {
  await openApp();
  const result = await page.evaluate(() =>
    (window as unknown as { attune: { invoke: (m: string, i: unknown) => Promise<unknown> } }).attune.invoke(
      'vault:unlock',
      { passphrase: 42 },
    ),
  );
  expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  const unknown = await page.evaluate(() =>
    (window as unknown as { attune: { invoke: (m: string, i: unknown) => Promise<unknown> } }).attune.invoke(
      'fs:readFile',
      '/etc/passwd',
    ),
  );
  expect(unknown).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
});
