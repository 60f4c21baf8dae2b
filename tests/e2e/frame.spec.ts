import type { SearchResults } from '../../shared/ipc/contract';
import { type JsonText, parseJsonText } from '../../shared/ipc/jsonText';
import { expect, test } from './harness';
import { seedDemoVault } from './seed';
import { addClientWithSession, createVault, expectAccessible, goTo, unlock } from './steps';

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

test('forms and dialogs take focus to their first field and give it back when they close', async ({
  page,
  openApp,
}) => {
  await openApp();
  await createVault(page);
  await goTo(page, 'Clients');

  const newClient = page.getByRole('button', { name: 'New client' });
  await newClient.click();
  await expect(page.getByLabel('Client code')).toBeFocused();
  await page.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('form', { name: 'New client' })).toHaveCount(0);
  await expect(newClient).toBeFocused();

  await newClient.click();
  await page.getByLabel('Client code').fill('C-021');
  await page.getByRole('button', { name: 'Save client' }).click();
  await expect(page.getByRole('heading', { name: /C-021/, level: 1 })).toBeVisible();

  const editClient = page.getByRole('button', { name: 'Edit client' });
  await editClient.click();
  await expect(page.getByLabel('Client code')).toBeFocused();
  await page.getByRole('form', { name: 'Edit client C-021' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(editClient).toBeFocused();

  const newSession = page.getByRole('button', { name: 'New session' });
  await newSession.click();
  await expect(page.getByLabel('Date and time')).toBeFocused();
  await page.getByRole('form', { name: 'New session' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(newSession).toBeFocused();

  // The confirmation dialog starts on what it asks for (the signer's name, not known yet at the
  // first signature), otherwise on its safe choice; and gives focus back on Escape.
  await newSession.click();
  await page.getByRole('button', { name: 'Save session' }).click();
  await page.getByRole('button', { name: /^New note/ }).click();
  const sign = page.getByRole('button', { name: 'Sign note' });
  await sign.click();
  const dialog = page.getByRole('dialog', { name: 'Sign this note?' });
  await expect(dialog.getByLabel('Your name, as it should appear on signed notes')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(sign).toBeFocused();

  // An inline question does the same: focus on its safe choice, then back on the button.
  await page.getByRole('button', { name: 'Add rupture' }).click();
  await page.getByLabel('Context').fill('After I moved to homework.');
  const remove = page.getByRole('button', { name: 'Remove rupture' });
  await remove.click();
  await expect(page.getByRole('button', { name: 'Keep', exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Keep', exact: true }).click();
  await expect(remove).toBeFocused();
});

test('Enter in the Sign dialog’s name field signs the note, as Enter in a form submits it', async ({
  page,
  openApp,
  backend,
}) => {
  await openApp();
  await createVault(page);
  await goTo(page, 'Clients');
  await addClientWithSession(page, 'C-022');
  await page.getByRole('button', { name: /^New note/ }).click();
  await page.getByRole('button', { name: 'Sign note' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign this note?' });
  const name = dialog.getByLabel('Your name, as it should appear on signed notes');
  await expect(name).toBeFocused();
  // An empty name is not a signature: Enter then does what Sign would (it says what is missing).
  await name.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Enter your name as it should appear on signed notes.');
  await expect(dialog).toBeVisible();
  // Said at the field, which is marked and keeps the focus; so is a Sign pressed without it.
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(/Enter your name as it should appear on signed notes\./);
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(name).toBeFocused();
  await name.fill('Dr. Ada Quill');
  // Typing takes the message back.
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await name.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Signed on .* by Dr\. Ada Quill/)).toBeVisible();
  const settings = await backend.router.call('settings:get', undefined);
  expect(settings).toMatchObject({ ok: true, value: { clinicianName: 'Dr. Ada Quill' } });
});

test('search names the fields it found words in, and shows how many notes match beyond the first screenful', async ({
  page,
  openApp,
  dataDir,
  backend,
}, testInfo) => {
  await seedDemoVault(dataDir, { clients: 3, sessionsPerClient: 20, seed: 7 });
  await openApp();
  await unlock(page);
  // `unlock` also accepts the "Unlocking…" button; the call below needs the vault open.
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
  const query = 'client';
  const expected = await backend.router.call('search:notes', { query, limit: 200 });
  expect(expected).toMatchObject({ ok: true });
  const total = expected.ok ? parseJsonText(expected.value as JsonText<SearchResults>).total : 0;
  expect(total, 'the demo notes match more than one page').toBeGreaterThan(15);

  await page.keyboard.press('Control+f');
  await page.getByLabel('Search in notes').fill(query);
  await page.getByRole('search').getByRole('button', { name: 'Search', exact: true }).click();
  const results = page.getByRole('region', { name: 'Search results' });
  // A search brings a screenful (15); "Show more" brings 50 more.
  await expect(results.getByRole('status')).toHaveText(`Showing 15 of ${total} notes.`);
  const items = results.getByRole('listitem');
  await expect(items).toHaveCount(15);
  await page.screenshot({ path: testInfo.outputPath('search.png') });
  await expectAccessible(page, 'search results');

  // Each snippet is named as the note names the field: a heading, a dimension, a rupture by number.
  const labels = await results.getByRole('term').allTextContents();
  expect(labels.length).toBeGreaterThan(15);
  for (const label of labels) expect(label).not.toMatch(/^[a-z]+\.|\.\d+\.|\.[a-z]+[A-Z]/); // no paths
  expect(
    labels.some((l) =>
      /^(Subjective|Objective|Assessment|Plan|Session narrative|Data|Behavior|Intervention|Response):$/.test(
        l,
      ),
    ),
  ).toBe(true);
  await expect(
    results
      .getByRole('term')
      .filter({
        hasText:
          /^(Affective|Cognitive|Developmental|Rhythmic|Empathic) attunement · (observation|your response):$/,
      })
      .first(),
  ).toBeVisible();
  await testInfo.attach('snippet-labels.txt', {
    body: [...new Set(labels)].join('\n'),
    contentType: 'text/plain',
  });

  const more = results.getByRole('button', { name: /^Show \d+ more$/ });
  await expect(more).toHaveText(`Show ${Math.min(50, total - 15)} more`);
  await more.click();
  // 44 results with snippets while the index may still be building: give a loaded machine time
  // (it once took over 10 s at load 20+ in the full suite).
  await expect(items).toHaveCount(Math.min(65, total), { timeout: 30_000 });
  // The first result of the new page takes focus, so the keyboard carries on from there.
  await expect(items.nth(15).getByRole('button').first()).toBeFocused();
  if (total <= 65) {
    await expect(results.getByRole('status')).toHaveText(`${total} notes found.`);
    await expect(more).toHaveCount(0);
  } else {
    await expect(results.getByRole('status')).toHaveText(`Showing 65 of ${total} notes.`);
  }
  await page.screenshot({ path: testInfo.outputPath('search-more.png') });

  // A client's code is in no note's text: the search says so and offers the client.
  const clients = await backend.router.call('index:clients', undefined);
  const code = clients.ok ? (clients.value as Array<{ code: string }>)[0]!.code : '';
  await page.getByLabel('Search in notes').fill(code);
  await page.getByRole('search').getByRole('button', { name: 'Search', exact: true }).click();
  await expect(results.getByRole('status')).toHaveText('No note matches.');
  await results.getByRole('button', { name: new RegExp(`^${code}( |$)`) }).click();
  await expect(page.getByRole('heading', { name: code, level: 1 })).toBeVisible();
});

test('a strong passphrase sent before the strength meter caught up is judged on what was typed', async ({
  page,
  openApp,
}) => {
  await openApp();
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  // A paste followed at once by Enter: both fields change and the form is sent in one task,
  // before the meter has measured the new value.
  await page.evaluate((value) => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    for (const id of ['Passphrase', 'Confirm passphrase']) {
      const label = [...document.querySelectorAll('label')].find((l) => l.textContent === id)!;
      const input = document.getElementById(label.htmlFor) as HTMLInputElement;
      setValue.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    document.querySelector<HTMLFormElement>('form[aria-labelledby="create-title"]')!.requestSubmit();
  }, passphrase);
  await expect(page.getByRole('textbox', { name: 'Recovery key' })).toHaveValue(/\S{4}/, { timeout: 30_000 });
  await expect(page.getByText('This passphrase is too easy to guess')).toHaveCount(0);
});
