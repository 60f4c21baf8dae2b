import type { Backend } from '../../main/ipc/createBackend';
import type { Note } from '../../shared/domain/noteSchema';
import { addLongNote, callOk, longNoteClientCode } from '../bench/longNote';
import { expect, test } from './harness';
import { createTestVault } from './seed';
import { openClientFromSidebar, unlock } from './steps';

/**
 * The client-participation section of a note: text written under an item ticks it (charts count
 * only ticked items), an unticked item with text says it is not counted, and a feeling typed and
 * left is added, not dropped.
 */

/** The id of the one note, a draft. */
let noteId: string;

test.beforeEach(async ({ page, openApp, backend, dataDir }) => {
  await (await createTestVault(dataDir)).lock();
  ({ noteId } = await addLongNote(backend, 20));
  await openApp();
  await unlock(page);
  await openClientFromSidebar(page, longNoteClientCode);
  await page.getByRole('button', { name: /^Open note of / }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Session note · / })).toBeVisible();
});

/** The participation the vault holds once the autosave has saved a note for which `until` is true. */
async function savedParticipation(
  backend: Backend,
  until: (n: Note) => boolean,
): Promise<Note['participation']> {
  let latest: Note | undefined;
  await expect
    .poll(
      async () => {
        latest = await callOk(backend, 'notes:get', { id: noteId });
        return until(latest);
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return latest!.participation;
}

test('words written under an unticked item tick it; unticked with text, it says the charts leave it out', async ({
  page,
  backend,
}) => {
  const feedback = page.getByRole('checkbox', { name: 'Gave feedback to the therapist' });
  const words = page.getByLabel('Client’s words');
  await expect(feedback).not.toBeChecked();
  await words.fill('“You rushed me today.”');
  // Every prompt describes the item having happened: writing under it ticks it.
  await expect(feedback).toBeChecked();
  expect(
    (await savedParticipation(backend, (n) => n.participation.feedbackToTherapist.quote !== ''))
      .feedbackToTherapist,
  ).toEqual({ given: true, quote: '“You rushed me today.”' });

  // Unticked afterwards: the words are kept, and the field says they are not counted.
  await feedback.uncheck();
  await expect(words).toHaveValue('“You rushed me today.”');
  await expect(words).toHaveAccessibleDescription(
    'Not counted in the charts until “Gave feedback to the therapist” is ticked.',
  );
  // Changing words already there does not tick it again; the line goes once it is ticked.
  await words.fill('“You rushed me today, a bit.”');
  await expect(feedback).not.toBeChecked();
  await feedback.check();
  await expect(page.getByText(/^Not counted in the charts/)).toHaveCount(0);

  // The other two items with a box behave the same.
  const body = page.getByRole('checkbox', { name: 'Noticed body sensations' });
  await page.getByLabel('Sensations', { exact: true }).pressSequentially('Tight chest');
  await expect(body).toBeChecked();
  const breathing = page.getByRole('checkbox', { name: 'Used mindful breathing' });
  await page.getByLabel('Breathing', { exact: true }).fill('Slowed down before the hard part');
  await expect(breathing).toBeChecked();
  const saved = await savedParticipation(backend, (n) => n.participation.mindfulBreathing.text !== '');
  expect(saved.bodySensations).toEqual({ noted: true, text: 'Tight chest' });
  expect(saved.mindfulBreathing).toEqual({ used: true, text: 'Slowed down before the hard part' });
});

test('a feeling typed and left with Tab is added; one too long stays in the field with the reason', async ({
  page,
  backend,
}) => {
  const add = page.getByRole('textbox', { name: 'Add a feeling' });
  await add.fill('Unmoored');
  await add.press('Tab');
  // Tab went to the Add button, still beside the field: the feeling waits there, added by the button.
  await expect(page.getByRole('button', { name: 'Add feeling' })).toBeFocused();
  await page.keyboard.press('Tab');
  const own = page.getByRole('group', { name: 'The client’s own words' });
  await expect(own.getByRole('checkbox', { name: 'unmoored' })).toBeChecked();
  await expect(add).toHaveValue('');
  await expect(page.getByText('Type a feeling to add.')).toHaveCount(0);

  // Left with Shift+Tab, straight out of the field.
  await add.fill('Seen');
  await add.press('Shift+Tab');
  await expect(own.getByRole('checkbox', { name: 'seen' })).toBeChecked();

  // Typed with the Add button clicked: added once, no "Type a feeling" message.
  await add.fill('Held');
  await page.getByRole('button', { name: 'Add feeling' }).click();
  await expect(own.getByRole('checkbox', { name: 'held' })).toBeChecked();
  await expect(page.getByText('Type a feeling to add.')).toHaveCount(0);

  const long = 'a feeling far too long to be one word or a short phrase, kept in the field';
  await add.fill(long);
  await add.press('Shift+Tab');
  await expect(add).toHaveValue(long);
  await expect(add).toHaveAccessibleDescription('A feeling can be at most 60 characters.');

  const saved = await savedParticipation(backend, (n) => n.participation.namedFeelings.emotions.length === 3);
  expect(saved.namedFeelings.emotions).toEqual(['unmoored', 'seen', 'held']);
});
