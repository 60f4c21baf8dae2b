import type { Page } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import type { Note } from '../../shared/domain/noteSchema';
import { emptyRupture } from '../../shared/domain/ruptureSchema';
import { callOk } from '../bench/longNote';
import { expect, test } from './harness';
import { createTestVault } from './seed';
import { expectAccessible, openClientFromSidebar, passphrase, unlock } from './steps';

/**
 * The note editor made for the hour after a session: a sticky header with Sign, an outline to
 * jump through the note, the previous session's plan, compact ratings, folded ruptures, focus mode.
 */

const code = 'C-230';
const previousPlan = 'Slow the pace; ask about the meeting with her manager.';
const context = 'went quiet after I moved on too fast';

/** A client with two SOAP notes a week apart: the first holds a plan, the second a complete rupture. */
async function seed(backend: Backend, dataDir: string): Promise<{ first: Note; second: Note }> {
  const vault = await createTestVault(dataDir);
  await vault.lock();
  await callOk(backend, 'vault:unlock', { passphrase });
  try {
    await callOk(backend, 'settings:update', { clinicianName: 'Dr. Robin Rivera' });
    const client = await callOk(backend, 'clients:create', {
      code,
      startDate: '2026-10-01',
      concerns: ['low mood'],
      goals: [],
    });
    const noteAt = async (startsAt: string, change: Partial<Note>) => {
      const session = await callOk(backend, 'sessions:create', {
        clientId: client.id,
        startsAt,
        durationMinutes: 50,
        modality: 'in-person',
        attendance: 'attended',
      });
      const note = await callOk(backend, 'notes:create', { sessionId: session.id, templateId: 'soap' });
      const {
        sections,
        attunement,
        coRegulation,
        ruptures,
        sessionJudgments,
        participation,
        feedback,
        plan,
      } = {
        ...note,
        ...change,
      };
      await callOk(backend, 'notes:saveDraft', {
        id: note.id,
        draft: {
          sections,
          attunement,
          coRegulation,
          ruptures,
          sessionJudgments,
          participation,
          feedback,
          plan,
        },
      });
      return callOk(backend, 'notes:get', { id: note.id });
    };
    const first = await noteAt('2026-11-06T10:00:00.000Z', { plan: previousPlan });
    const rupture = {
      ...emptyRupture('9b3c7a52-5d0e-4a43-9a55-9a1c2f6d0c11', 'withdrawal'),
      markers: ['minimal-response'],
      outcome: 'resolved' as const,
      minute: 25,
      repairMinute: 27,
      context,
    };
    const second = await noteAt('2026-11-13T10:00:00.000Z', { ruptures: [rupture] });
    return { first, second };
  } finally {
    await callOk(backend, 'vault:lock', { reason: 'user' });
  }
}

/** Opens the note of the client's session on the 13th (the second) or the 6th (the first). */
async function openNote(page: Page, day: '13' | '6'): Promise<void> {
  await openClientFromSidebar(page, code);
  await page.getByRole('button', { name: new RegExp(`^Open note of \\D*${day}\\b`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Session note · C-230/ })).toBeVisible();
}

// Axe runs over the whole note (light and dark) in several tests: room for a busy machine.
test.describe.configure({ timeout: 180_000 });

let seeded: { first: Note; second: Note };

test.beforeEach(async ({ page, openApp, backend, dataDir }) => {
  seeded = await seed(backend, dataDir);
  await openApp();
  await unlock(page);
});

/** The note as the vault holds it. */
async function stored(backend: Backend, id: string): Promise<Note> {
  return callOk(backend, 'notes:get', { id });
}

test('the sticky header signs the note while scrolled to the plan', async ({ page, backend }) => {
  await openNote(page, '13');
  const plan = page.getByLabel('Plan', { exact: true });
  await plan.scrollIntoViewIfNeeded();
  await plan.fill('Next time: the manager, and the breathing cue.');
  await expect(plan).toBeInViewport();
  // Scrolled down the note: the header with the page heading and Sign is still on screen.
  await expect(page.getByLabel('Subjective', { exact: true })).not.toBeInViewport();
  await expect(page.getByRole('heading', { level: 1, name: /^Session note · C-230/ })).toBeInViewport();
  const sign = page.getByRole('button', { name: 'Sign note' });
  await expect(sign).toBeInViewport();
  await sign.click();
  await page
    .getByRole('dialog', { name: 'Sign this note?' })
    .getByRole('button', { name: 'Sign', exact: true })
    .click();
  await expect(page.getByText(/Signed on .* by Dr\. Robin Rivera/)).toBeVisible();
  const signed = await stored(backend, seeded.second.id);
  expect(signed.status).toBe('signed');
  expect(signed.plan).toBe('Next time: the manager, and the breathing cue.');
});

test('the outline jumps to a section, focuses it and marks it current', async ({ page }) => {
  await openNote(page, '13');
  const outline = page.getByRole('navigation', { name: 'Note sections' });
  await expect(outline).toBeVisible();
  await expect(outline.getByRole('link')).toHaveText([
    'Subjective',
    'Objective',
    'Assessment',
    'Attunement',
    'Ruptures and repairs',
    'Client participation',
    'Session feedback',
    'Treatment goals',
    'Plan',
    'Risk assessment',
    'Outcome measures',
    'Private process notes',
  ]);
  await outline.getByRole('link', { name: 'Plan', exact: true }).click();
  const heading = page.getByRole('heading', { level: 2, name: 'Plan', exact: true });
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  await expect(outline.getByRole('link', { name: 'Plan', exact: true })).toHaveAttribute(
    'aria-current',
    'location',
  );
  await outline.getByRole('link', { name: 'Attunement', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Attunement', exact: true })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Attunement', exact: true })).toBeInViewport();
});

test('the previous session’s plan is shown on the second note, not on the first', async ({ page }) => {
  await openNote(page, '13');
  const previous = page.getByRole('group').filter({ hasText: /^Plan from the previous session \(/ });
  await expect(previous).toBeVisible();
  await expect(previous).toContainText(previousPlan);
  // Folds away and opens again.
  await previous.getByText(/^Plan from the previous session/).click();
  await expect(previous.getByText(previousPlan)).toBeHidden();
  await previous.getByText(/^Plan from the previous session/).click();
  await expect(previous.getByText(previousPlan)).toBeVisible();
  await page.getByRole('button', { name: 'Close note' }).click();
  await openNote(page, '6');
  await expect(page.getByLabel('Subjective', { exact: true })).toBeVisible();
  await expect(page.getByText(/Plan from the previous session/)).toHaveCount(0);
});

test('a rating is one compact row; its anchors appear on focus', async ({ page }) => {
  await openNote(page, '13');
  const group = page.getByRole('radiogroup', { name: 'Affective attunement', exact: true });
  // 1–5, 'Did not come up' and 'Could not judge'.
  await expect(group.getByRole('radio')).toHaveCount(7);
  // The anchors are not printed under every option: only a focused (or pointed at) one shows.
  await expect(page.getByRole('tooltip')).toHaveCount(0);
  await group.getByRole('radio', { name: /^1 / }).focus();
  await page.keyboard.press('ArrowRight');
  const two = group.getByRole('radio', { name: '2 Limited' });
  await expect(two).toBeFocused();
  await expect(two).toBeChecked();
  // The affective dimension's own anchor for 2.
  await expect(two).toHaveAccessibleDescription(/Feelings were picked up at moments/);
  await expect(page.getByRole('tooltip')).toHaveCount(1);
  await expect(page.getByRole('tooltip')).toHaveText(/Limited\. Feelings were picked up at moments/);
  await expect(page.getByRole('tooltip')).toBeInViewport();
  await expectAccessible(page, 'note editor with a rating anchor shown');
  await two.hover();
  await group.getByRole('radio', { name: /^5 / }).hover();
  await expect(page.getByRole('tooltip').filter({ hasText: 'Deep.' })).toBeVisible();
});

test('a complete rupture folds to its summary and opens again with its text intact', async ({
  page,
  backend,
}) => {
  await openNote(page, '13');
  const summary = 'Withdrawal · Minimal response · minute 25 · Resolved at minute 27';
  await expect(page.getByText(summary)).toBeVisible();
  const rupture = page.getByRole('group', { name: 'Rupture 1' });
  await expect(rupture).toBeHidden();
  await page.getByRole('button', { name: 'Edit rupture 1' }).click();
  await expect(rupture).toBeVisible();
  await expect(page.getByText(summary)).toBeHidden();
  const contextField = rupture.getByLabel('Context');
  await expect(contextField).toHaveValue(context);
  await contextField.press('End');
  await contextField.pressSequentially('; she named it herself');
  await rupture.getByRole('button', { name: 'Collapse rupture 1' }).click();
  await expect(rupture).toBeHidden();
  await expect(page.getByRole('button', { name: 'Edit rupture 1' })).toBeFocused();
  await page.getByRole('button', { name: 'Edit rupture 1' }).click();
  await expect(rupture.getByLabel('Context')).toHaveValue(`${context}; she named it herself`);
  // A rupture still being written stays open.
  await page.getByRole('button', { name: 'Add rupture' }).click();
  await expect(page.getByRole('group', { name: 'Rupture 2' })).toBeVisible();
  await expect(
    page.getByRole('group', { name: 'Rupture 2' }).getByRole('button', { name: /^Collapse/ }),
  ).toHaveCount(0);
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status', { name: 'Note save state' })).toContainText(/Saved at/);
  const saved = await stored(backend, seeded.second.id);
  expect(saved.ruptures[0]?.context).toBe(`${context}; she named it herself`);
  expect(saved.ruptures).toHaveLength(2);
  await expectAccessible(page, 'note editor with ruptures');
});

test('a rupture or repair minute after the 50-minute session’s end is pointed out, and still saved', async ({
  page,
  backend,
}, testInfo) => {
  await openNote(page, '13');
  await page.getByRole('button', { name: 'Edit rupture 1' }).click();
  const rupture = page.getByRole('group', { name: 'Rupture 1' });
  const minute = rupture.getByLabel('Minute of rupture');
  const repair = rupture.getByLabel('Minute of repair');
  const afterEnd = /This is after the session ended \(50 minutes\)/;
  await expect(minute).not.toHaveAccessibleDescription(afterEnd);
  // Each minute's warning is a polite live region that is there, empty, before the warning, so
  // the warning is announced when it appears (text put into a new region is often not).
  const warnings = rupture.getByRole('status');
  await expect(warnings).toHaveText(['', '']);
  const minuteWarning = await warnings.first().elementHandle();
  await minute.fill('200');
  // Told under the field and tied to it, but not marked invalid: sessions do run over.
  await expect(rupture.getByText(afterEnd)).toBeVisible();
  await expect.poll(() => minuteWarning?.textContent()).toMatch(afterEnd);
  await expect(minute).toHaveAccessibleDescription(/^Optional: minutes into the session\. This is after/);
  await expect(minute).not.toHaveAttribute('aria-invalid', 'true');
  await repair.fill('210');
  await expect(repair).toHaveAccessibleDescription(afterEnd);
  await expect(repair).not.toHaveAttribute('aria-invalid', 'true');
  await rupture.screenshot({ path: testInfo.outputPath('minutes-after-end.png') });
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status', { name: 'Note save state' })).toContainText(/Saved at/);
  const saved = await stored(backend, seeded.second.id);
  expect(saved.ruptures[0]).toMatchObject({ minute: 200, repairMinute: 210 });
  // Back within the session, the warning goes.
  await minute.fill('45');
  await repair.fill('48');
  await expect(rupture.getByText(afterEnd)).toHaveCount(0);
  await expect(warnings).toHaveText(['', '']);
  await expect(minute).toHaveAccessibleDescription('Optional: minutes into the session.');
});

test('at 1024×768 a save error keeps the sticky header to one line of save state, and leads to the field', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openNote(page, '13');
  const header = page.locator('header.note-header');
  // The header as it always is at this width: the heading, one line of template, status and save
  // state, one row of actions (108 px here). A save error may change the words on the save line,
  // not add lines: so no taller than that, and never over 120 px (under a sixth of the window).
  const calm = (await header.boundingBox())?.height ?? 0;
  expect(calm).toBeLessThanOrEqual(120);
  await page.getByRole('button', { name: 'Edit rupture 1' }).click();
  const repair = page.getByRole('group', { name: 'Rupture 1' }).getByLabel('Minute of repair');
  await repair.fill('20'); // the rupture began at minute 25
  await page.keyboard.press('Control+s');
  const saveState = page.getByRole('status', { name: 'Note save state' });
  await expect(saveState).toContainText(/Not saved/);
  // The field says what is wrong itself.
  await expect(repair).toHaveAccessibleDescription(/can’t be earlier than the minute the rupture began/);
  const height = (await header.boundingBox())?.height ?? Number.POSITIVE_INFINITY;
  expect(height).toBeLessThanOrEqual(Math.min(calm + 1, 120));
  await expect(saveState).toContainText('1 problem to fix');

  // From anywhere in the note, the header's link goes to the field, below the header.
  await page.getByLabel('Subjective', { exact: true }).focus();
  await expect(repair).not.toBeInViewport();
  await header.getByRole('button', { name: 'Go to the first problem' }).click();
  await expect(repair).toBeFocused();
  const below = async () => {
    const bar = await header.boundingBox();
    const field = await repair.boundingBox();
    return (field?.y ?? 0) - ((bar?.y ?? 0) + (bar?.height ?? 0));
  };
  expect(await below()).toBeGreaterThanOrEqual(0);
  // Scrolled by hand to just under where the header ends when all is well, it is not covered.
  await repair.evaluate(
    (input, top) => window.scrollBy(0, input.getBoundingClientRect().top - top),
    calm + 8,
  );
  expect(await below()).toBeGreaterThanOrEqual(0);
  const hit = await repair.evaluate((input) => {
    const box = input.getBoundingClientRect();
    return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === input;
  });
  expect(hit).toBe(true);
  await expectAccessible(page, 'note editor with a problem to fix');
});

test('focus mode hides the sidebar and outline, is remembered, and Escape leaves it', async ({ page }) => {
  await openNote(page, '13');
  const sidebarNav = page.getByRole('navigation', { name: 'Main' });
  const outline = page.getByRole('navigation', { name: 'Note sections' });
  const toggle = page.getByRole('button', { name: 'Focus mode' });
  await expect(sidebarNav).toBeVisible();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(sidebarNav).toBeHidden();
  await expect(outline).toBeHidden();
  await expect(page.getByLabel('Subjective', { exact: true })).toBeVisible();
  // The text column is centred in the window.
  const box = await page.getByLabel('Subjective', { exact: true }).boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(Math.abs((box?.x ?? 0) + (box?.width ?? 0) / 2 - width / 2)).toBeLessThan(60);
  await expectAccessible(page, 'note editor in focus mode');
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(sidebarNav).toBeVisible();
  await expect(outline).toBeVisible();

  // The shortcut turns it on (and does not open Search); it is still on in the next note opened.
  await page.getByLabel('Subjective', { exact: true }).click();
  await page.keyboard.press('Control+Shift+F');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Subjective', { exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Close note' }).click();
  await expect(sidebarNav).toBeVisible();
  await page.getByRole('button', { name: /^Open note of \D*6\b/ }).click();
  await expect(page.getByRole('button', { name: 'Focus mode' })).toHaveAttribute('aria-pressed', 'true');
  await expect(sidebarNav).toBeHidden();
  await page.keyboard.press('Control+Shift+F');
  await expect(page.getByRole('button', { name: 'Focus mode' })).toHaveAttribute('aria-pressed', 'false');
  await expect(sidebarNav).toBeVisible();
});

test('at a narrow width the outline is a Sections disclosure in the header (accessible), and both stay put', async ({
  page,
}) => {
  await openNote(page, '13');
  await page.setViewportSize({ width: 900, height: 700 });
  const outline = page.getByRole('navigation', { name: 'Note sections' });
  const toggle = outline.getByRole('button', { name: 'Sections' });
  await expect(toggle).toBeVisible();
  await expect(outline.getByRole('link', { name: 'Plan', exact: true })).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page, 'note editor, narrow, sections open');
  await outline.getByRole('link', { name: 'Session feedback', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Session feedback' })).toBeFocused();
  await expect(page.getByRole('heading', { level: 2, name: 'Session feedback' })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Sign note' })).toBeInViewport();
  await expect(toggle).toBeInViewport();
  // The button sits among the sticky header's actions, never over the note's text below it.
  const header = await page.locator('header.note-header').boundingBox();
  const button = await toggle.boundingBox();
  expect(header && button && button.y + button.height <= header.y + header.height).toBe(true);
});

test('focus that went with the page goes to the new page’s heading; focus in the sidebar stays', async ({
  page,
}) => {
  await openNote(page, '13');
  // "Open note" went with the client page: the note's heading has focus, so Tab carries on from there.
  await expect(page.getByRole('heading', { level: 1, name: /^Session note · C-230/ })).toBeFocused();
  await page.getByRole('button', { name: 'Close note' }).click();
  await expect(page.getByRole('heading', { level: 1, name: code })).toBeFocused();
  // A sidebar link keeps focus: the sidebar is still there.
  const caseload = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Caseload' });
  await caseload.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Caseload reflection' })).toBeVisible();
  await expect(caseload).toBeFocused();
});

test('the Sign dialog says up front when the note cannot be saved as it is', async ({ page }) => {
  await openNote(page, '13');
  const noFeedback = page.getByRole('checkbox', { name: 'No feedback this session' });
  if (await noFeedback.isChecked()) await noFeedback.uncheck();
  const relationship = page.getByRole('spinbutton', { name: 'Relationship' });
  await relationship.scrollIntoViewIfNeeded();
  await relationship.fill('11');
  await expect(page.getByRole('region', { name: /^Fix these to save the note/ })).toBeVisible();
  await page.getByRole('button', { name: 'Sign note' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign this note?' });
  await expect(
    dialog.getByText('The note cannot be saved as it is, so it cannot be signed yet'),
  ).toBeVisible();
  // Each problem says where it is; Sign waits until there are none.
  await expect(dialog.getByRole('listitem').first()).toHaveText(/^Session feedback: /);
  await expect(dialog.getByRole('button', { name: 'Sign', exact: true })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await relationship.fill('8');
  await expect(page.getByRole('region', { name: /^Fix these to save the note/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign note' }).click();
  await expect(dialog.getByText('cannot be signed yet')).toHaveCount(0);
  // Tab stays in the dialog: from its last control to its first, and back with Shift+Tab.
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Sign', exact: true })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cancel).toBeFocused();
});

test('the Sign dialog names a dimension left as “Could not judge” with nothing written', async ({ page }) => {
  await openNote(page, '13');
  const dialog = page.getByRole('dialog', { name: 'Sign this note?' });
  const untouched = dialog.getByText(/no rating and nothing written/);
  // A new note: every dimension starts as "Could not judge", and none was looked at yet.
  await page.getByRole('button', { name: 'Sign note' }).click();
  await expect(untouched).toContainText('These dimensions have no rating and nothing written');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  const rhythmic = 'Rhythmic attunement';
  for (const name of [
    'Affective attunement',
    'Cognitive attunement',
    'Developmental attunement',
    'Empathic attunement',
  ])
    await page.getByRole('radiogroup', { name, exact: true }).getByRole('radio', { name: /^4 / }).check();
  await page.getByRole('button', { name: 'Sign note' }).click();
  await expect(untouched).toHaveText(
    `This dimension has no rating and nothing written, so it will be signed as “Could not judge”: ${rhythmic}. Rate it first if you can.`,
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // Something written there: the clinician looked at it, and chose "Could not judge".
  await page.getByLabel(`${rhythmic} — observation`).fill('Hard to tell over a poor video line.');
  await page.getByRole('button', { name: 'Sign note' }).click();
  await expect(dialog).toBeVisible();
  await expect(untouched).toHaveCount(0);
});

test('scrolled to its end, the outline marks the last section, which never reaches the top', async ({
  page,
}) => {
  await openNote(page, '13');
  const outline = page.getByRole('navigation', { name: 'Note sections' });
  const last = outline.getByRole('link', { name: 'Private process notes', exact: true });
  await expect(outline.getByRole('link', { name: 'Subjective', exact: true })).toHaveAttribute(
    'aria-current',
    'location',
  );
  // Scrolled by wheel (sections far down are laid out as they come near, so more than once).
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 4000);
  await expect(page.getByRole('heading', { level: 2, name: 'Private process notes' })).toBeInViewport();
  await expect(last).toHaveAttribute('aria-current', 'location');
  await page.mouse.wheel(0, -300);
  await expect(last).not.toHaveAttribute('aria-current', 'location');
});

test('the four session ratings line up two by two, whatever their descriptions', async ({ page }) => {
  await openNote(page, '13');
  const noFeedback = page.getByRole('checkbox', { name: 'No feedback this session' });
  if (await noFeedback.isChecked()) await noFeedback.uncheck();
  const boxes = await Promise.all(
    ['Relationship', 'Goals and topics', 'Approach', 'Overall'].map((name) =>
      page.getByRole('spinbutton', { name }).boundingBox(),
    ),
  );
  const [relationship, goals, approach, overall] = boxes.map((box) => box!);
  // A row's fields share a line; the second row's left edges are the first row's.
  expect(goals!.y).toBe(relationship!.y);
  expect(overall!.y).toBe(approach!.y);
  expect(approach!.y).toBeGreaterThan(relationship!.y);
  expect(approach!.x).toBe(relationship!.x);
  expect(overall!.x).toBe(goals!.x);
});

test('every attunement rating row is one height, whichever anchor is chosen', async ({ page }) => {
  await openNote(page, '13');
  const row = (name: string) => page.getByRole('radiogroup', { name, exact: true });
  // "Adequate" is longer than "Good"; "Could not judge" shows no anchor at all.
  await row('Affective attunement').getByRole('radio', { name: '3 Adequate' }).check({ force: true });
  await row('Cognitive attunement').getByRole('radio', { name: '4 Good' }).check({ force: true });
  await row('Rhythmic attunement').getByRole('radio', { name: '1 Misattuned' }).check({ force: true });
  const heights = async () =>
    Promise.all(
      ['Affective attunement', 'Cognitive attunement', 'Rhythmic attunement', 'Empathic attunement'].map(
        async (name) => (await row(name).boundingBox())!.height,
      ),
    );
  const wide = await heights();
  expect(new Set(wide).size).toBe(1);
  // At a 900 px window too (the boxes may wrap there, but every row alike).
  await page.setViewportSize({ width: 900, height: 800 });
  const narrow = await heights();
  expect(new Set(narrow).size).toBe(1);
});

test('a signed note shows its text at full height, with no box scrolling on its own', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 800 });
  await openNote(page, '13');
  const long = Array.from({ length: 60 }, (_, i) => `Line ${i + 1} of what the client said.`).join('\n');
  const subjective = page.getByLabel('Subjective', { exact: true });
  await subjective.fill(long);
  await page.getByRole('button', { name: 'Sign note' }).click();
  await page
    .getByRole('dialog', { name: 'Sign this note?' })
    .getByRole('button', { name: 'Sign', exact: true })
    .click();
  await expect(page.getByText(/Signed on .* by Dr\. Robin Rivera/)).toBeVisible();
  const signed = page.getByLabel('Subjective', { exact: true });
  await expect(signed).toHaveJSProperty('readOnly', true);
  const { clientHeight, scrollHeight } = await signed.evaluate((box) => ({
    clientHeight: box.clientHeight,
    scrollHeight: box.scrollHeight,
  }));
  expect(clientHeight).toBeGreaterThan(800);
  expect(scrollHeight).toBeLessThanOrEqual(clientHeight);
});
