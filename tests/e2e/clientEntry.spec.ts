import type { Page } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import { clientEntryRefusal, clientFeedbackQuestions } from '../../shared/domain/clientEntry';
import { feedbackItemIds } from '../../shared/domain/feedback';
import { outcomeRating } from '../../shared/measures/outcomeRating';
import type { Note } from '../../shared/domain/noteSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import { callOk } from '../bench/longNote';
import { expect, test } from './harness';
import { createTestVault } from './seed';
import { expectAccessible, goTo, openClientFromSidebar, passphrase, unlock } from './steps';

/**
 * Client entry mode (issue 14, item 5): the client fills in the session feedback on a screen that
 * shows nothing else, and only the passphrase brings the therapist back to the note. And a
 * process note written for a session that has no progress note (item 3).
 */

const code = 'C-314';
const private_ = 'I noticed I wanted to rescue her when she went quiet; take to supervision.';

/** A client with a draft note on 20 Nov and a session on 27 Nov with no note at all. */
async function seed(backend: Backend, dataDir: string): Promise<{ note: Note; bare: Session }> {
  const vault = await createTestVault(dataDir);
  await vault.lock();
  await callOk(backend, 'vault:unlock', { passphrase });
  try {
    const client = await callOk(backend, 'clients:create', {
      code,
      startDate: '2026-10-01',
      concerns: ['low mood'],
      goals: [],
    });
    const sessionAt = (startsAt: string) =>
      callOk(backend, 'sessions:create', {
        clientId: client.id,
        startsAt,
        durationMinutes: 50,
        modality: 'in-person',
        attendance: 'attended',
      });
    const first = await sessionAt('2026-11-20T10:00:00.000Z');
    const note = await callOk(backend, 'notes:create', { sessionId: first.id, templateId: 'soap' });
    const bare = await sessionAt('2026-11-27T10:00:00.000Z');
    return { note, bare };
  } finally {
    await callOk(backend, 'vault:lock', { reason: 'user' });
  }
}

// Axe over the form in both themes and a passphrase check (Argon2id) on a busy machine.
test.describe.configure({ timeout: 180_000 });

let seeded: { note: Note; bare: Session };

test.beforeEach(async ({ page, openApp, backend, dataDir }) => {
  seeded = await seed(backend, dataDir);
  await openApp();
  await unlock(page);
});

/** What the renderer would get if it asked main for `method` itself. */
function askMain(page: Page, method: string, input: unknown) {
  return page.evaluate(
    ([m, i]) =>
      (
        window as unknown as { attune: { invoke: (m: string, i: unknown) => Promise<unknown> } }
      ).attune.invoke(m, i),
    [method, input] as const,
  );
}

test('the client fills in the feedback; nothing else is reachable; the passphrase returns to the note', async ({
  page,
  backend,
}) => {
  await openClientFromSidebar(page, code);
  await page.getByRole('button', { name: /^Open note of \D*20\b/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Session note · C-314/ })).toBeVisible();
  await page.getByLabel('Subjective', { exact: true }).fill('Quiet week; slept better.');

  await page.getByRole('button', { name: 'Let the client fill this in…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hand the computer to the client?' });
  // The greeting is off by default; the therapist chooses to show a first name.
  await expect(dialog.getByLabel('Greet the client by first name')).not.toBeChecked();
  await dialog.getByLabel('Greet the client by first name').check();
  await dialog.getByLabel('First name to show').fill('Sam');
  await dialog.getByRole('button', { name: 'Show the client’s form' }).click();

  const form = page.getByRole('heading', { level: 1, name: 'Hello Sam. How was today’s session?' });
  await expect(form).toBeVisible();
  // Nothing of the vault around it: no sidebar, no client code, no note, no lock button.
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toHaveCount(0);
  await expect(page.getByText(code)).toHaveCount(0);
  await expect(page.getByText('Quiet week')).toHaveCount(0);
  await expectAccessible(page, 'the client entry form');

  const answers = { relationship: 8, goals: 6, approach: 7, overall: 9 };
  for (const id of feedbackItemIds) {
    await page
      .getByRole('radiogroup', { name: clientFeedbackQuestions[id].question })
      .getByRole('radio', { name: String(answers[id]), exact: true })
      .check();
  }

  // The keyboard shortcuts and the back button lead nowhere.
  for (const keys of ['Control+k', 'Control+l', 'Control+Shift+f', 'Alt+ArrowLeft', 'Escape', 'Control+f']) {
    await page.keyboard.press(keys);
    await expect(form).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  }
  await page.goBack();
  await expect(form).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  // A curious renderer asking main directly is refused: the gate is in main, not in the screen.
  for (const [method, input] of [
    ['notes:get', { id: seeded.note.id }],
    ['clients:list', undefined],
    ['index:sessions', undefined],
    ['processNotes:getForSession', { sessionId: seeded.bare.id }],
  ] as const) {
    expect(await askMain(page, method, input)).toEqual({
      ok: false,
      error: { kind: 'in-use', message: clientEntryRefusal },
    });
  }
  // A reload keeps the form (main still has client entry on).
  await page.reload();
  await expect(form).toBeVisible();
  for (const id of feedbackItemIds) {
    await page
      .getByRole('radiogroup', { name: clientFeedbackQuestions[id].question })
      .getByRole('radio', { name: String(answers[id]), exact: true })
      .check();
  }

  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you' })).toBeVisible();
  await expect(page.getByText('Your answers are saved.')).toBeVisible();
  await expectAccessible(page, 'the hand-back step');
  const passphraseField = page.getByLabel('Your vault passphrase');
  await passphraseField.fill('not my passphrase');
  await page.getByRole('button', { name: 'Return to the note' }).click();
  await expect(page.getByRole('alert')).toContainText('That is not the current passphrase');
  expect(await callOk(backend, 'clientEntry:status', undefined)).toMatchObject({ active: true });

  await passphraseField.fill(passphrase);
  await page.getByRole('button', { name: 'Return to the note' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Session note · C-314/ })).toBeVisible();
  // The answers are in the note, beside what the therapist wrote before handing over.
  await expect(page.getByLabel('Relationship', { exact: true })).toHaveValue('8');
  await expect(page.getByLabel('Overall', { exact: true })).toHaveValue('9');
  await expect(page.getByLabel('Subjective', { exact: true })).toHaveValue('Quiet week; slept better.');
  const stored = await callOk(backend, 'notes:get', { id: seeded.note.id });
  expect(stored.feedback).toEqual(answers);
  expect(stored.status).toBe('draft');
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toBeVisible();
});

test('the client fills in the outcome rating; it is saved as the session’s measure, entered by the client', async ({
  page,
  backend,
}) => {
  await openClientFromSidebar(page, code);
  await page.getByRole('button', { name: /^Open note of \D*20\b/ }).click();
  await page.getByRole('button', { name: 'Let the client fill this in…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hand the computer to the client?' });
  await dialog.getByRole('radio', { name: 'Outcome rating' }).check();
  await dialog.getByRole('button', { name: 'Show the client’s form' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'How have you been?' })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  const outcome = { individually: 4, interpersonally: 6, socially: 5, overall: 5 };
  for (const item of outcomeRating.items) {
    await page
      .getByRole('radiogroup', { name: item.text })
      .getByRole('radio', { name: String(outcome[item.id as keyof typeof outcome]), exact: true })
      .check();
  }
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByLabel('Your vault passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Return to the note' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Session note · C-314/ })).toBeVisible();
  const measures = await callOk(backend, 'measures:list', { clientId: seeded.note.clientId });
  expect(measures).toEqual([
    expect.objectContaining({
      instrument: 'outcome',
      sessionId: seeded.note.sessionId,
      answers: outcome,
      enteredBy: 'client',
      status: 'complete',
    }),
  ]);
});

test('a process note is written for a session that has no progress note', async ({ page, backend }) => {
  await openClientFromSidebar(page, code);
  await page.getByRole('button', { name: /^Process note of \D*27\b/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Process note · C-314/ })).toBeVisible();
  const field = page.getByLabel('Process notes', { exact: true });
  await expect(field).toHaveAttribute('placeholder', /What did you notice in yourself\?/);
  await field.fill(private_);
  await expect(page.getByRole('status', { name: 'Private notes save state' })).toContainText(/Saved/);
  await expectAccessible(page, 'a process note on its own');
  await page.getByRole('button', { name: 'Close', exact: true }).click();

  const stored = await callOk(backend, 'processNotes:getForSession', { sessionId: seeded.bare.id });
  expect(stored).toMatchObject({ noteId: null, processNote: { text: private_, noteId: null } });
  // Still no progress note for that session: the row says so and offers one.
  await expect(page.getByRole('button', { name: /^New note for \D*27\b/ })).toBeVisible();

  // From Today's row of that session, the same process note opens.
  await goTo(page, 'Today');
  await page
    .getByRole('listitem')
    .filter({ hasText: code })
    .filter({ hasText: /\b27\b/ })
    .getByRole('button', { name: 'Process note' })
    .click();
  await expect(page.getByLabel('Process notes', { exact: true })).toHaveValue(private_);
});
