import type { Note } from '../../shared/domain/noteSchema';
import { type JsonText, parseJsonText } from '../../shared/ipc/jsonText';
import { type PackedNoteSummaries, unpackNoteSummaries } from '../../shared/summaries/packedSummaries';
import { expect, test } from './harness';
import { addClientWithSession, createVault, expectAccessible, goTo, passphrase, unlock } from './steps';

/** The note summaries in an `index:noteSummaries` answer. */
const noteSummariesOf = (value: unknown) =>
  unpackNoteSummaries(parseJsonText(value as JsonText<PackedNoteSummaries>));

const dimensionLabels = [
  'Affective attunement',
  'Cognitive attunement',
  'Developmental attunement',
  'Rhythmic attunement',
  'Empathic attunement',
];

test('write a full note: ratings, two ruptures, participation, feedback; lock, unlock, sign, addendum, search', async ({
  page,
  openApp,
  backend,
}, testInfo) => {
  // A long flow: each step has its own expectations, and the whole gets room on a busy machine
  // (84 s at load 2 with axe over the note; it ran past 240 s at load 17-22).
  test.setTimeout(360_000);
  const first = page.getByRole('group', { name: 'Rupture 1' });
  const second = page.getByRole('group', { name: 'Rupture 2' });
  const saveState = page.getByRole('status', { name: 'Note save state' });
  let typedNoteId = '';
  await test.step('create the vault', async () => {
    await openApp();
    await expectAccessible(page, 'create vault');
    await createVault(page);
  });
  await test.step('a client and a session, through the screens', async () => {
    // A client and a session, through the screens.
    await goTo(page, 'Clients');
    await page.getByRole('button', { name: 'New client' }).click();
    await page.getByRole('button', { name: 'Save client' }).click();
    await expect(page.getByText(/Enter a client code/)).toBeVisible();
    // Focus goes to the field to fix, not left on Save.
    await expect(page.getByLabel('Client code')).toBeFocused();
    await page.getByLabel('Client code').fill('C-014');
    await page.getByLabel('Display name (optional)').fill('Robin Example');
    await page.getByLabel('Presenting concerns (one per line)').fill('low mood\nwork stress');
    await page.getByRole('button', { name: 'Save client' }).click();
    await expect(page.getByRole('heading', { name: /C-014/, level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'New session' }).click();
    await page.getByLabel('Date and time').fill('2026-11-20T10:00');
    await page.getByLabel('Template for new notes').selectOption({ label: 'SOAP' });
    await page.getByRole('button', { name: 'Save session' }).click();
    await expect(page.getByText('No note')).toBeVisible();
    await expectAccessible(page, 'client page');
    await page.getByRole('button', { name: /^New note/ }).click();
  });
  await test.step('five ratings with observations', async () => {
    // The editor: five ratings with observations.
    await expect(page.getByRole('radiogroup', { name: 'Affective attunement', exact: true })).toBeVisible();
    await page
      .getByLabel('Subjective', { exact: true })
      .fill('Reported a hard week at work; felt unseen by a manager.');
    for (const [i, label] of dimensionLabels.entries()) {
      await page
        .getByRole('radiogroup', { name: label, exact: true })
        .getByRole('radio', { name: new RegExp(`^${(i % 4) + 2} `) })
        .check();
      await page.getByLabel(`${label} — observation`).fill(`observation ${i + 1}`);
      await page.getByLabel(`${label} — your response`).fill(`response ${i + 1}`);
    }
  });
  await test.step('rupture 1: withdrawal, resolved', async () => {
    // Rupture 1: withdrawal, resolved.
    await page.getByRole('button', { name: 'Add rupture' }).click();
    await first.getByRole('checkbox', { name: 'Minimal response' }).check();
    await first
      .getByRole('radiogroup', { name: 'Salience' })
      .getByRole('radio', { name: '3', exact: true })
      .check();
    await first
      .getByRole('group', { name: 'Followed a lapse in' })
      .getByRole('checkbox', { name: 'Rhythmic' })
      .check();
    await first.getByLabel('Context').fill('went quiet after I moved on too fast');
    await first
      .getByRole('group', { name: 'Repair strategies' })
      .getByRole('checkbox', { name: 'Acknowledges own contribution' })
      .check();
    await first
      .getByRole('radiogroup', { name: 'Outcome' })
      .getByRole('radio', { name: 'Resolved', exact: true })
      .check();
    await first.getByLabel('Minute of rupture').fill('20');
    await first.getByLabel('Minute of repair').fill('24');
    await first.getByLabel('Client response').fill('re-engaged and named the hurt');
  });
  await test.step('rupture 2: confrontation, partially resolved', async () => {
    // Rupture 2: confrontation, partially resolved; markers follow the type.
    await page.getByRole('button', { name: 'Add rupture' }).click();
    await second
      .getByRole('radiogroup', { name: 'Rupture type' })
      .getByRole('radio', { name: 'Confrontation' })
      .check();
    await expect(second.getByRole('checkbox', { name: 'Minimal response' })).toHaveCount(0);
    await second.getByRole('checkbox', { name: 'Rejects the therapist’s intervention' }).check();
    await second
      .getByRole('group', { name: 'Repair strategies' })
      .getByRole('checkbox', { name: /rationale/i })
      .check();
    await second
      .getByRole('radiogroup', { name: 'Outcome' })
      .getByRole('radio', { name: 'Partially resolved' })
      .check();
    await page
      .getByRole('radiogroup', { name: 'Overall resolution' })
      .getByRole('radio', { name: '4', exact: true })
      .check();
  });
  await test.step('participation, feedback, plan and process notes', async () => {
    // Participation and feedback.
    await page.getByRole('checkbox', { name: 'Noticed body sensations' }).check();
    await page.getByLabel('Sensations', { exact: true }).fill('tight chest');
    await page.getByRole('checkbox', { name: 'anxious', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Gave feedback to the therapist' }).check();
    await page.getByLabel('Client’s words').fill('You went too fast there.');
    await page.getByRole('checkbox', { name: 'No feedback this session' }).uncheck();
    for (const [label, value] of [
      ['Relationship', '9'],
      ['Goals and topics', '8.5'],
      ['Approach', '8'],
      ['Overall', '8'],
    ] as const) {
      await page.getByLabel(label, { exact: true }).fill(value);
    }
    await expect(page.getByText('Total 33.5 / 40')).toBeVisible();
    await expect(page.getByText(/Below the concern line \(36\)/)).toBeVisible();
    await page.getByLabel('Plan', { exact: true }).fill('Slow the pace; check in about the manager.');
    await page.getByLabel('Process notes').fill('my own reaction: impatience');
    await page.keyboard.press('Control+s');
    await expect(saveState).toContainText(/Saved at/);
    await expectAccessible(page, 'note editor');
    await page.screenshot({ path: testInfo.outputPath('editor.png'), fullPage: true });
  });
  await test.step('typed just before locking is saved by the lock', async () => {
    // Typed just before locking: saved by the lock, not lost.
    await page.getByLabel('Assessment', { exact: true }).fill('typed just before locking');
    await page.keyboard.press('Control+l');
    await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
    await expectAccessible(page, 'unlock');
    await page.getByLabel('Passphrase').fill('wrong horse battery');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toContainText(/passphrase/i);
    await unlock(page);
    await goTo(page, 'Clients');
    await expectAccessible(page, 'client list');
  });
  await test.step('the reopened note holds everything typed', async () => {
    await page.getByRole('button', { name: 'C-014' }).click();
    const sessionsTable = page.getByRole('table', { name: 'Sessions' });
    await expect(sessionsTable.getByText('Draft', { exact: true })).toBeVisible();
    await expect(sessionsTable.getByText('2 ruptures', { exact: true })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('client-page.png'), fullPage: true });
    await page.getByRole('button', { name: /^Open note/ }).click();
    await expect(page.getByLabel('Assessment', { exact: true })).toHaveValue('typed just before locking');
    await expect(page.getByLabel('Subjective', { exact: true })).toHaveValue(/hard week at work/);
    for (const [i, label] of dimensionLabels.entries()) {
      await expect(
        page
          .getByRole('radiogroup', { name: label, exact: true })
          .getByRole('radio', { name: new RegExp(`^${(i % 4) + 2} `) }),
      ).toBeChecked();
    }
    // Both ruptures are complete, so they open as their one-line summaries.
    await expect(
      page.getByText('Withdrawal · Minimal response · minute 20 · Resolved at minute 24'),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Edit rupture 1' }).click();
    await page.getByRole('button', { name: 'Edit rupture 2' }).click();
    await expect(second.getByRole('radio', { name: 'Confrontation' })).toBeChecked();
    await expect(first.getByLabel('Minute of repair')).toHaveValue('24');
    await expect(page.getByLabel('Goals and topics', { exact: true })).toHaveValue('8.5');
    await expect(page.getByLabel('Process notes')).toHaveValue('my own reaction: impatience');
  });
  await test.step('the vault holds what was typed', async () => {
    // What the vault holds is what was typed, the private process note in its own record.
    const summaries = await backend.router.call('index:noteSummaries', undefined);
    typedNoteId = summaries.ok ? noteSummariesOf(summaries.value)[0]!.id : '';
    expect(await backend.router.call('notes:get', { id: typedNoteId })).toMatchObject({
      ok: true,
      value: {
        status: 'draft',
        sections: { assessment: 'typed just before locking' },
        plan: 'Slow the pace; check in about the manager.',
      },
    });
    expect(await backend.router.call('processNotes:get', { noteId: typedNoteId })).toMatchObject({
      ok: true,
      value: { text: 'my own reaction: impatience' },
    });
  });
  await test.step('sign, asked for the name once; then an addendum', async () => {
    // Sign: read-only afterwards, then an addendum.
    await page.getByRole('button', { name: 'Sign note' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign this note?' });
    // No name in Settings yet: the first signature asks for it, and refuses without it.
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('Enter your name');
    await dialog.getByLabel('Your name, as it should appear on signed notes').fill('Dr. Robin Rivera');
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(page.getByText(/Signed on .* by Dr\. Robin Rivera/)).toBeVisible();
    const stored = await backend.router.call('settings:get', undefined);
    expect(stored.ok && (stored.value as { clinicianName: string }).clinicianName).toBe('Dr. Robin Rivera');
    await expect(page.getByLabel('Subjective', { exact: true })).not.toBeEditable();
    await expect(
      page.getByRole('radiogroup', { name: 'Affective attunement' }).getByRole('radio').first(),
    ).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Add rupture' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Add addendum' }).click();
    // An addendum says what it is and why (issue 15).
    await page.getByRole('radio', { name: 'Correction' }).check();
    await page.getByLabel('Reason', { exact: true }).fill('Minute misread from the session recording.');
    await page
      .getByLabel('Addendum', { exact: true })
      .fill('Correction: the second rupture was at minute 35.');
    await page.getByRole('button', { name: 'Save addendum' }).click();
    // The saved addendum's paragraph (its field may still hold the text for a moment after saving).
    await expect(
      page.getByRole('paragraph').filter({ hasText: 'Correction: the second rupture was at minute 35.' }),
    ).toBeVisible();
    await expectAccessible(page, 'signed note');
  });
  await test.step('the signed note is final', async () => {
    const notes = await backend.router.call('index:noteSummaries', undefined);
    const summary = notes.ok ? noteSummariesOf(notes.value)[0] : undefined;
    expect(summary?.status).toBe('signed');
    const stored = await backend.router.call('notes:get', { id: summary!.id });
    const note = stored.ok ? (stored.value as Note) : undefined;
    expect(note?.ruptures.map((r) => [r.type, r.outcome])).toEqual([
      ['withdrawal', 'resolved'],
      ['confrontation', 'partial'],
    ]);
    expect(note?.addenda).toHaveLength(1);
    // A signed note refuses any change, whoever asks.
    const refused = await backend.router.call('notes:saveDraft', { id: summary!.id, draft: {} });
    expect(refused.ok).toBe(false);
  });
  await test.step('search finds the note and opens it', async () => {
    // Search finds the note and highlights the match; the result opens it.
    await page.keyboard.press('Control+f');
    await page.getByLabel('Search in notes').fill('manager');
    await page.getByRole('search').getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page.getByText('1 note found.')).toBeVisible();
    await expect(page.locator('mark').first()).toHaveText(/manager/i);
    await expectAccessible(page, 'search');
    await page.getByRole('button', { name: /C-014/ }).click();
    await expect(page.getByText(/Signed on/)).toBeVisible();
  });
});

test('auto-lock after the idle time keeps the draft', async ({ page, openApp }) => {
  await page.clock.install();
  await openApp();
  await createVault(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Lock after this many idle minutes').fill('2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText(/Settings saved/)).toBeVisible();

  await page.getByRole('button', { name: 'Clients' }).click();
  await addClientWithSession(page, 'C-200');
  await page.getByRole('button', { name: /^New note/ }).click();
  await page.getByLabel('Session narrative', { exact: true }).fill('draft typed before walking away');

  // Two idle minutes pass: the app saves the draft and locks.
  await page.clock.runFor(2 * 60_000 + 1000);
  await expect(page.getByRole('heading', { name: 'Unlock Attune' })).toBeVisible();
  await expect(page.getByText(/locked itself after a period of inactivity/)).toBeVisible();
  await unlock(page);
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'C-200' }).click();
  await page.getByRole('button', { name: /^Open note/ }).click();
  await expect(page.getByLabel('Session narrative', { exact: true })).toHaveValue(
    'draft typed before walking away',
  );
});

test('a lock the OS asks for (suspend) saves the draft first, and unlocking goes back to the note', async ({
  page,
  openApp,
  backend,
}) => {
  await openApp();
  await createVault(page);
  await goTo(page, 'Clients');
  await addClientWithSession(page, 'C-300');
  await page.getByRole('button', { name: /^New note/ }).click();
  await page.getByLabel('Session narrative', { exact: true }).fill('typed right before the lid closed');
  await backend.lock('suspend');
  await expect(page.getByText(/locked when the computer went to sleep/)).toBeVisible();
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  // A lock the user did not ask for: unlocking goes back to the note that was open, text and all.
  await expect(page.getByLabel('Session narrative', { exact: true })).toHaveValue(
    'typed right before the lid closed',
  );
  // A lock the user asked for leaves: unlocking starts at Today.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await goTo(page, 'Clients');
  await page.getByRole('button', { name: 'C-300' }).click();
  await page.getByRole('button', { name: /^Open note/ }).click();
  await expect(page.getByLabel('Session narrative', { exact: true })).toHaveValue(
    'typed right before the lid closed',
  );
});

test('a template of your own, made from SOAP without the participation section', async ({
  page,
  openApp,
}) => {
  await openApp();
  await createVault(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Based on').selectOption({ label: 'SOAP' });
  await page.getByLabel('Template name').fill('Brief SOAP');
  await page.getByRole('checkbox', { name: 'Client participation' }).uncheck();
  await page.getByRole('button', { name: 'Create template' }).click();
  await expect(page.getByText(/Template “Brief SOAP” created/)).toBeVisible();
  await expectAccessible(page, 'settings');

  await page.getByRole('button', { name: 'Clients' }).click();
  await addClientWithSession(page, 'C-400');
  await page.getByLabel('Template for new notes').selectOption({ label: 'Brief SOAP' });
  await page.getByRole('button', { name: /^New note/ }).click();
  await expect(page.getByLabel('Subjective', { exact: true })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Affective attunement' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Client participation' })).toHaveCount(0);
});
