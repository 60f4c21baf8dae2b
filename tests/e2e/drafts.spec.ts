import type { Page } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import type { Note } from '../../shared/domain/noteSchema';
import { type JsonText, parseJsonText } from '../../shared/ipc/jsonText';
import { type PackedNoteSummaries, unpackNoteSummaries } from '../../shared/summaries/packedSummaries';
import { expect, test } from './harness';
import { createVault, goTo, openClientFromSidebar, passphrase, unlock } from './steps';

/** The note summaries in an `index:noteSummaries` answer. */
const noteSummariesOf = (value: unknown) =>
  unpackNoteSummaries(parseJsonText(value as JsonText<PackedNoteSummaries>));

/**
 * Drafts held back in memory (an invalid value, a save cut off by a lock) must never come back
 * over a newer saved version: a later valid save clears them, and where a held-back draft and a
 * newer saved version both exist the user sees both and chooses.
 */

async function newNote(page: Page, code: string): Promise<void> {
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('Client code').fill(code);
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('button', { name: 'New session' }).click();
  await page.getByLabel('Template for new notes').selectOption({ label: 'SOAP' });
  await page.getByRole('button', { name: 'Save session' }).click();
  await page.getByRole('button', { name: /^New note/ }).click();
  await expect(page.getByLabel('Subjective', { exact: true })).toBeVisible();
}

async function openNoteOf(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'Clients', exact: true }).click();
  await page.getByRole('button', { name: code, exact: true }).click();
  await page.getByRole('button', { name: /^Open note/ }).click();
}

async function storedNote(backend: Backend): Promise<Note> {
  const summaries = await backend.router.call('index:noteSummaries', undefined);
  const id = summaries.ok ? noteSummariesOf(summaries.value)[0]!.id : '';
  const stored = await backend.router.call('notes:get', { id });
  if (!stored.ok) throw new Error(stored.error.message);
  return stored.value as Note;
}

/** Saves a newer version of the note behind the editor's back, as another window or an import would. */
async function saveElsewhere(backend: Backend, change: (note: Note) => Partial<Note>): Promise<void> {
  const note = await storedNote(backend);
  const { sections, attunement, coRegulation, ruptures, sessionJudgments, participation, feedback, plan } = {
    ...note,
    ...change(note),
  };
  const draft = {
    sections,
    attunement,
    coRegulation,
    ruptures,
    sessionJudgments,
    participation,
    feedback,
    plan,
  };
  const saved = await backend.router.call('notes:saveDraft', { id: note.id, draft });
  if (!saved.ok) throw new Error(saved.error.message);
}

/** An invalid feedback rating that autosave tried and held back. */
async function holdBackInvalidRating(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: 'No feedback this session' }).uncheck();
  await page.getByLabel('Relationship', { exact: true }).fill('11');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status', { name: 'Note save state' })).toContainText(/Not saved/);
}

test('a draft held back as invalid is cleared by a later valid save and never returns', async ({
  page,
  openApp,
  backend,
}) => {
  test.setTimeout(120_000);
  const saveState = page.getByRole('status', { name: 'Note save state' });
  await test.step('create a vault and a note', async () => {
    await openApp();
    await createVault(page);
    await newNote(page, 'C-501');
  });
  await test.step('an invalid rating is held back, then corrected and saved with the plan', async () => {
    await holdBackInvalidRating(page);
    for (const [label, value] of [
      ['Goals and topics', '8.5'],
      ['Approach', '6'],
      ['Overall', '6'],
    ] as const) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    // The flagged 11 is not counted: no total until it is corrected.
    await expect(page.getByText('Total — / 40: correct the flagged rating to see the total.')).toBeVisible();
    await page.getByLabel('Relationship', { exact: true }).fill('8');
    await expect(page.getByText('Total 28.5 / 40')).toBeVisible();
    await page.getByLabel('Plan', { exact: true }).fill('Revisit the manager conflict.');
    await page.keyboard.press('Control+s');
    await expect(saveState).toContainText(/Saved at/);
    expect((await storedNote(backend)).plan).toBe('Revisit the manager conflict.');
  });
  await test.step('closing and reopening shows the saved version, not the held-back one', async () => {
    await page.getByRole('button', { name: 'Close note' }).click();
    await openNoteOf(page, 'C-501');
    await expect(page.getByLabel('Plan', { exact: true })).toHaveValue('Revisit the manager conflict.');
    await expect(page.getByLabel('Relationship', { exact: true })).toHaveValue('8');
    await expect(saveState).toContainText(/Saved/);
    await expect(saveState).not.toContainText(/Not saved/);
    await expect(page.getByRole('region', { name: 'Unsaved changes from earlier' })).toHaveCount(0);
  });
  await test.step('nothing overwrites the vault afterwards', async () => {
    await page.keyboard.press('Control+s');
    await expect(saveState).toContainText(/Saved/);
    const note = await storedNote(backend);
    expect(note.plan).toBe('Revisit the manager conflict.');
    expect(note.feedback?.relationship).toBe(8);
  });
});

test('a draft held back as invalid is kept in the vault: a reload (a crash, quitting) loses nothing', async ({
  page,
  openApp,
  backend,
}) => {
  test.setTimeout(120_000);
  const saveState = page.getByRole('status', { name: 'Note save state' });
  await test.step('a note saved, then typed on with one field invalid', async () => {
    await openApp();
    await createVault(page);
    await newNote(page, 'C-503');
    await page.getByLabel('Plan', { exact: true }).fill('plan saved');
    await page.keyboard.press('Control+s');
    await expect(saveState).toContainText(/Saved at/);
    await holdBackInvalidRating(page);
    await page.getByLabel('Plan', { exact: true }).fill('plan typed while the rating was wrong');
    await page.keyboard.press('Control+s');
    await expect(saveState).toContainText('What you typed is kept, encrypted, on this computer');
    // The vault holds the saved version as the note; the typed one only as held.
    expect((await storedNote(backend)).plan).toBe('plan saved');
  });
  await test.step('a lock: the window lets go of the typed text, and the vault gives it back', async () => {
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlock(page);
    // What comes back is the vault's copy (the window's is dropped at lock: heldChanges.test.ts).
    const held = await backend.router.call('notes:heldDraft', { id: (await storedNote(backend)).id });
    expect(held).toMatchObject({
      ok: true,
      value: { draft: { plan: 'plan typed while the rating was wrong' } },
    });
    await openNoteOf(page, 'C-503');
    await expect(page.getByLabel('Plan', { exact: true })).toHaveValue(
      'plan typed while the rating was wrong',
    );
    await expect(saveState).toContainText('What you typed is kept, encrypted, on this computer');
  });
  await test.step('the window reloads: reopening the note brings the typed text back', async () => {
    await page.reload();
    if (await page.getByLabel('Passphrase').isVisible()) await unlock(page);
    await openNoteOf(page, 'C-503');
    await expect(
      page.getByText(/Changes you made that had not been saved .* are\s+back in the note\./),
    ).toBeVisible();
    await expect(page.getByLabel('Plan', { exact: true })).toHaveValue(
      'plan typed while the rating was wrong',
    );
    await expect(page.getByLabel('Relationship', { exact: true })).toHaveValue('11');
  });
  await test.step('corrected, the note saves and the held copy is gone', async () => {
    await page.getByLabel('Relationship', { exact: true }).fill('7');
    await page.keyboard.press('Control+s');
    await expect(saveState).toContainText(/Saved at/);
    const note = await storedNote(backend);
    expect(note.plan).toBe('plan typed while the rating was wrong');
    expect(await backend.router.call('notes:heldDraft', { id: note.id })).toEqual({ ok: true, value: null });
  });
});

test('a held-back draft and a newer saved version: both are shown and the user chooses', async ({
  page,
  openApp,
  backend,
}) => {
  test.setTimeout(120_000);
  await test.step('a held-back invalid draft with its own plan', async () => {
    await openApp();
    await createVault(page);
    await newNote(page, 'C-502');
    await page.getByLabel('Plan', { exact: true }).fill('plan typed here');
    await holdBackInvalidRating(page);
    await page.getByRole('button', { name: 'Close note' }).click();
  });
  await test.step('a newer version is saved elsewhere (another window, an import)', async () => {
    await saveElsewhere(backend, (note) => ({
      plan: 'plan saved elsewhere',
      sections: { ...note.sections, subjective: 'newer subjective' },
    }));
  });
  const chooser = page.getByRole('region', { name: 'Unsaved changes from earlier' });
  await test.step('reopening shows both versions side by side', async () => {
    await openNoteOf(page, 'C-502');
    await expect(chooser).toBeVisible();
    await expect(chooser).toContainText('plan saved elsewhere');
    await expect(chooser).toContainText('plan typed here');
    // Nothing is written while the choice is open.
    expect((await storedNote(backend)).plan).toBe('plan saved elsewhere');
  });
  await test.step('keeping the saved version discards the held-back draft for good', async () => {
    await chooser.getByRole('button', { name: 'Keep the saved version' }).click();
    await expect(chooser).toHaveCount(0);
    await expect(page.getByLabel('Plan', { exact: true })).toHaveValue('plan saved elsewhere');
    await page.getByRole('button', { name: 'Close note' }).click();
    await openNoteOf(page, 'C-502');
    await expect(page.getByLabel('Plan', { exact: true })).toHaveValue('plan saved elsewhere');
    await expect(chooser).toHaveCount(0);
  });
  await test.step('choosing the held-back draft instead restores it for correction', async () => {
    await page.getByLabel('Plan', { exact: true }).fill('plan typed again');
    await holdBackInvalidRating(page);
    await page.getByRole('button', { name: 'Close note' }).click();
    await saveElsewhere(backend, () => ({ plan: 'third version' }));
    await openNoteOf(page, 'C-502');
    await chooser.getByRole('button', { name: 'Use the unsaved changes' }).click();
    await expect(page.getByLabel('Plan', { exact: true })).toHaveValue('plan typed again');
    await expect(page.getByLabel('Relationship', { exact: true })).toHaveValue('11');
    await page.getByLabel('Relationship', { exact: true }).fill('7');
    await page.keyboard.press('Control+s');
    await expect(page.getByRole('status', { name: 'Note save state' })).toContainText(/Saved at/);
    const note = await storedNote(backend);
    expect(note.plan).toBe('plan typed again');
    expect(note.feedback?.relationship).toBe(7);
  });
});

test('a process note held back by a lock is not replayed over a newer saved one', async ({
  page,
  openApp,
  backend,
}) => {
  test.setTimeout(120_000);
  const privateState = page.getByRole('status', { name: 'Private notes save state' });
  let noteId = '';
  await test.step('a saved process note, then words typed as the vault locks', async () => {
    await openApp();
    await createVault(page);
    await newNote(page, 'C-503');
    await page.getByLabel('Process notes').fill('first private words');
    await page.keyboard.press('Control+s');
    await expect(privateState).toContainText(/Saved at/);
    noteId = (await storedNote(backend)).id;
    await page.getByLabel('Process notes').fill('words typed as it locked');
    await backend.router.call('vault:lock', { reason: 'user' });
    await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  });
  await test.step('a newer process note is saved before this window unlocks', async () => {
    expect((await backend.router.call('vault:unlock', { passphrase })).ok).toBe(true);
    expect((await backend.router.call('processNotes:save', { noteId, text: 'saved elsewhere' })).ok).toBe(
      true,
    );
  });
  await test.step('unlocking does not replay the held-back words over it; the user chooses', async () => {
    await unlock(page);
    const stored = await backend.router.call('processNotes:get', { noteId });
    expect(stored.ok && (stored.value as { text: string }).text).toBe('saved elsewhere');
    await openNoteOf(page, 'C-503');
    const chooser = page.getByRole('region', { name: 'Unsaved private notes from earlier' });
    await expect(chooser).toContainText('saved elsewhere');
    await expect(chooser).toContainText('words typed as it locked');
    await chooser.getByRole('button', { name: 'Use the unsaved changes' }).click();
    await expect(page.getByLabel('Process notes')).toHaveValue('words typed as it locked');
    await expect(privateState).toContainText(/Saved at/);
    const after = await backend.router.call('processNotes:get', { noteId });
    expect(after.ok && (after.value as { text: string }).text).toBe('words typed as it locked');
  });
});

test('a new client and a client edit typed and not saved survive leaving the screen and a lock', async ({
  page,
  openApp,
}) => {
  test.setTimeout(120_000);
  await test.step('create a vault', async () => {
    await openApp();
    await createVault(page);
  });
  await test.step('a half-filled new client is there again after leaving the Clients screen', async () => {
    await goTo(page, 'Clients');
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByLabel('Client code').fill('C-010');
    await page.getByLabel('Presenting concerns (one per line)').fill('panic attacks at work');
    await goTo(page, 'Today');
    await goTo(page, 'Clients');
    await expect(page.getByLabel('Client code')).toHaveValue('C-010');
    await expect(page.getByLabel('Presenting concerns (one per line)')).toHaveValue('panic attacks at work');
    await page.getByRole('button', { name: 'Save client' }).click();
    await expect(page.getByRole('heading', { name: 'C-010', level: 1 })).toBeVisible();
  });
  await test.step('an edit left unsaved by a lock opens again after unlocking; Cancel forgets it', async () => {
    await page.getByRole('button', { name: 'Edit client' }).click();
    await page.getByLabel('Display name (optional)').fill('Jordan Half-typed');
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await unlock(page);
    await openClientFromSidebar(page, 'C-010');
    await expect(page.getByLabel('Display name (optional)')).toHaveValue('Jordan Half-typed');
    await page
      .getByRole('form', { name: 'Edit client C-010' })
      .getByRole('button', { name: 'Cancel' })
      .click();
    await goTo(page, 'Today');
    await openClientFromSidebar(page, 'C-010');
    await expect(page.getByRole('button', { name: 'Edit client' })).toBeVisible();
    await expect(page.getByLabel('Display name (optional)')).toHaveCount(0);
    // A new client form after a saved one starts empty.
    await goTo(page, 'Clients');
    await page.getByRole('button', { name: 'New client' }).click();
    await expect(page.getByLabel('Client code')).toHaveValue('');
  });
});
