import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import { emptyAttunement } from '../../shared/domain/attunementSchema';
import type { Client } from '../../shared/domain/clientSchema';
import type { Note } from '../../shared/domain/noteSchema';
import { emptyParticipation } from '../../shared/domain/participationSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import type { PacketListing, SupervisorComment } from '../../shared/review/commentsSchema';
import { expect, test } from './harness';
import { pdfText } from './pdfText';
import { caller, createTestVault, openTestVault } from './seed';
import { expectAccessible, goTo, passphrase, unlock } from './steps';

/** Names that must never leave the clinician's machine: the client's, and two the user lists. */
const FORBIDDEN = ['Robin', 'Okafor', 'Mara', 'Lindqvist', 'C-014'];
const PROCESS_MARKER = 'felt the pull to rescue';
const PACKET_PASS = 'harbour violet seventy kites';
const STARTS = ['2026-02-02T09:00:00.000Z', '2026-02-09T09:00:00.000Z', '2026-02-16T09:00:00.000Z'];
const REVIEWER = 'Sam Reviewer';
const CASE_COMMENT = 'Across the case, ruptures follow a quickened pace; slow down earlier.';
const CASE_COMMENT_ADDED = 'Worth revisiting after the break.';
const SESSION_COMMENT = 'Good recovery in the second half of this session.';
const RUPTURE_COMMENT = 'Name the withdrawal out loud before moving on.';

/** A vault with small KDF settings (the app reads them from the header), left locked. */
async function makeVault(dataDir: string): Promise<void> {
  await (await createTestVault(dataDir)).lock();
}

/** Session i's draft, with the client's name and two other names in several fields. */
function namedDraft(i: number) {
  const attunement = emptyAttunement();
  attunement.affective = {
    rating: 3 + (i % 2),
    unrated: null,
    observation: `Robin’s sadness showed when she spoke of Mara (week ${i + 1}).`,
    response: 'I told Robin I could see how much Mara matters.',
  };
  attunement.empathic = {
    rating: 4,
    unrated: null,
    observation: 'OKAFOR family loyalty again.',
    response: 'Stayed with Robin.',
  };
  const participation = emptyParticipation();
  participation.feedbackToTherapist = {
    given: true,
    quote: '“You sound like Dr. Lindqvist when you do that.”',
  };
  return {
    sections: {
      subjective: `Robin Okafor reports week ${i + 1}; Mara moved out.`,
      objective: 'Robin was tearful.',
      assessment: 'Grief; Dr. Lindqvist’s referral letter fits.',
    },
    attunement,
    coRegulation: 'Robin’s breathing slowed with mine.',
    ruptures:
      i === 2
        ? []
        : [
            {
              id: randomUUID(),
              minute: 12 + i,
              type: i === 0 ? 'withdrawal' : 'confrontation',
              markers: [i === 0 ? 'minimal-response' : 'complaints-about-therapist'],
              salience: 3,
              followedLapseOf: ['rhythmic'],
              context: 'After I mentioned Mara, Robin went quiet.',
              strategies: ['invite-discussion'],
              outcome: 'resolved',
              repairMinute: 20 + i,
              clientResponse: 'Robin said: “Mara would laugh at this.”',
            },
          ],
    sessionJudgments: { therapistContribution: 2, overallResolution: 4 },
    participation,
    feedback: { relationship: 9, goals: 8, approach: 9, overall: 9 },
    plan: 'Ask Robin about the letter to Dr. Lindqvist; check in on Mara.',
  };
}

/** The clinician's case, written through the router: three sessions with notes, one process note. */
async function seedClinician(dataDir: string, backend: Backend) {
  await makeVault(dataDir);
  const call = caller(backend);
  await call('vault:unlock', { passphrase });
  const client = await call<Client>('clients:create', {
    code: 'C-014',
    displayName: 'Robin Okafor',
    startDate: '2026-01-05',
    concerns: ['Grief after Mara left'],
    goals: [],
  });
  const notes: Note[] = [];
  const sessions: Session[] = [];
  for (const [i, startsAt] of STARTS.entries()) {
    const session = await call<Session>('sessions:create', {
      clientId: client.id,
      startsAt,
      durationMinutes: 50,
      modality: 'video',
      attendance: 'attended',
    });
    const note = await call<Note>('notes:create', { sessionId: session.id, templateId: 'soap' });
    await call('notes:saveDraft', { id: note.id, draft: namedDraft(i) });
    notes.push(note);
    sessions.push(session);
  }
  // A PHQ-9 at the first session (18, item 9 answered) and the last (8): a reliable improvement.
  for (const [session, value, item9] of [
    [sessions[0]!, 2, 2],
    [sessions[2]!, 1, 0],
  ] as const) {
    const answers = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`q${n}`, value]));
    await call('measures:save', {
      sessionId: session.id,
      instrument: 'phq9',
      answers: { ...answers, q9: item9, difficulty: null },
    });
  }
  await call('processNotes:save', {
    noteId: notes[0]!.id,
    text: `Robin reminded me of my sister; I ${PROCESS_MARKER}. My own unease about Mara.`,
  });
  await call('vault:lock', { reason: 'user' });
  return { client };
}

function expectNoNames(text: string, where: string): void {
  const lower = text.toLowerCase();
  for (const name of FORBIDDEN) expect(lower, `“${name}” in ${where}`).not.toContain(name.toLowerCase());
}

/** For what waits on Argon2id (64 MiB, t=3): seconds on a busy machine. */
const SLOW_CRYPTO = { timeout: 30_000 };

/** The saved path a status message shows. */
async function shownPath(page: Page, saying: string): Promise<string> {
  const status = page.getByRole('status').filter({ hasText: saying });
  await expect(status).toBeVisible(SLOW_CRYPTO);
  return (await status.locator('code').textContent()) ?? '';
}

/** The PDF's first page as PNG: poppler's pdftoppm where installed, else Chromium's own PDF viewer. */
async function pdfFirstPage(page: Page, pdfPath: string, testInfo: TestInfo): Promise<void> {
  const copy = testInfo.outputPath('case-summary.pdf');
  await copyFile(pdfPath, copy);
  await testInfo.attach('case-summary.pdf', { path: copy, contentType: 'application/pdf' });
  const png = testInfo.outputPath('pdf-first-page.png');
  if (existsSync('/usr/bin/pdftoppm')) {
    execFileSync('/usr/bin/pdftoppm', [
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      '-r',
      '80',
      '-singlefile',
      copy,
      png.slice(0, -4),
    ]);
  } else {
    const viewer = await page.context().newPage();
    await viewer.setViewportSize({ width: 860, height: 1160 });
    await viewer.goto(`${pathToFileURL(copy).href}#toolbar=0&navpanes=0&view=Fit`);
    // The viewer renders asynchronously, with nothing in the page to wait on.
    await viewer.waitForTimeout(1500);
    await viewer.screenshot({ path: png });
    await viewer.close();
  }
  await testInfo.attach('pdf-first-page.png', { path: png, contentType: 'image/png' });
}

/** Today's date as file names and PDF metadata would write it (UTC and local day: they can differ). */
function todayForms(): { file: string[] } {
  const now = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  const days = [
    now.toISOString().slice(0, 10),
    `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`,
  ];
  return {
    file: [...new Set(days.flatMap((d) => [d, d.replaceAll('-', ''), `D:${d.replaceAll('-', '')}`]))],
  };
}

/** Days as the app shows dates (medium date, in UTC as packets show them, and locally). */
function displayedDays(page: Page, instants: string[]): Promise<string[]> {
  return page.evaluate(
    (list) =>
      list.flatMap((iso) => [
        new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(iso)),
        new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(Date.parse(iso)),
      ]),
    instants,
  );
}

function expectNoneOf(text: string, forms: string[], where: string): void {
  for (const form of forms) expect(text.includes(form), `“${form}” in ${where}`).toBe(false);
}

test('case review round trip: de-identified packet and PDF, review mode in a second profile, comments back home', async ({
  page,
  openApp,
  dataDir,
  backend,
  nextChosenFile,
  fileChooser,
  secondProfile,
}, testInfo) => {
  // Two profiles, five Argon2id runs and a PDF: about 2 minutes with the machine's load at 4× its
  // cores, so 4 minutes leaves room.
  test.setTimeout(240_000);
  const client = await test.step('the clinician opens the packet builder', async () => {
    const { client } = await seedClinician(dataDir, backend);
    await openApp();
    await unlock(page);
    await goTo(page, 'Clients');
    await page.getByRole('button', { name: 'C-014', exact: true }).click();
    await page.getByRole('button', { name: 'Build review packet' }).click();
    return client;
  });
  const today = todayForms();
  const sessions = page.getByRole('group', { name: 'Sessions' });
  const processBox = page.getByRole('checkbox', { name: 'Include psychotherapy process notes' });

  await test.step('builder: everything in by default except process notes; dates shifted', async () => {
    await expect(page.getByRole('heading', { name: 'Case review packet · C-014', level: 1 })).toBeVisible();
    await expect(sessions.getByRole('checkbox')).toHaveCount(3);
    for (const box of await sessions.getByRole('checkbox').all()) await expect(box).toBeChecked();
    for (const part of ['Summary metrics', 'Charts', 'Notes', 'Ruptures and repairs']) {
      await expect(page.getByRole('checkbox', { name: part, exact: true })).toBeChecked();
    }
    await expect(processBox).not.toBeChecked();
    await expect(page.getByText(/stay out of every export unless you tick this box/)).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Shift dates' })).toBeChecked();
    await page.getByLabel('From', { exact: true }).fill('2026-02-09');
    await expect(sessions.getByRole('checkbox')).toHaveCount(2);
    await page.getByLabel('From', { exact: true }).fill('');
    await expect(sessions.getByRole('checkbox')).toHaveCount(3);
    await page.getByLabel('Other names to remove').fill('Mara\nLindqvist');
    // Leaving the builder keeps the names to remove for this client: a later packet has them too.
    await page.getByRole('button', { name: 'Back to client' }).click();
    await page.getByRole('button', { name: 'Build review packet' }).click();
    await expect(page.getByLabel('Other names to remove')).toHaveValue('Mara\nLindqvist');
    await expectAccessible(page, 'packet builder');
  });

  await test.step('preview: process notes only when ticked, names gone, dates shifted', async () => {
    const preview = page.getByRole('region', { name: 'Preview: what will leave this computer' });
    await processBox.check();
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await expect(preview).toContainText(PROCESS_MARKER);
    expectNoNames((await preview.textContent()) ?? '', 'the preview with process notes');
    await processBox.uncheck();
    await expect(preview).toHaveCount(0);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await expect(preview.getByText('Client A', { exact: true })).toBeVisible();
    await expect(preview.getByRole('article')).toHaveCount(3);
    const previewText = (await preview.textContent()) ?? '';
    expectNoNames(previewText, 'the preview');
    expect(previewText).not.toContain(PROCESS_MARKER);
    expect(previewText).toContain('[name]');
    expect(previewText).toContain('De-identified');
    // Dates are shifted: the first session's real date, as the packet would show it, is not there.
    const realFirst = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(iso)),
      STARTS[0]!,
    );
    expect(previewText).toContain(' UTC');
    expect(previewText).not.toContain(realFirst);
    await page.screenshot({ path: testInfo.outputPath('preview.png'), fullPage: true });
    await expectAccessible(page, 'packet preview');
  });

  const packetPath = await test.step('export the encrypted packet, named without a real date', async () => {
    // The panel takes focus to its first field and gives it back to its button when cancelled.
    const exportButton = page.getByRole('button', { name: 'Export review packet' });
    await exportButton.click();
    await expect(page.getByLabel('Packet passphrase', { exact: true })).toBeFocused();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(exportButton).toBeFocused();
    await exportButton.click();
    await page.getByLabel('Packet passphrase', { exact: true }).fill(PACKET_PASS);
    await page.getByLabel('Confirm packet passphrase').fill('not the same one');
    await page.getByRole('button', { name: 'Encrypt and save packet' }).click();
    await expect(page.getByRole('alert')).toContainText('differ');
    await page.getByLabel('Confirm packet passphrase').fill(PACKET_PASS);
    // The save dialog opens where the last export went (the exports folder at first), at a name
    // with the packet's own date; the user presses Save.
    fileChooser.acceptNextSave();
    await page.getByRole('button', { name: 'Encrypt and save packet' }).click();
    const packetPath = await shownPath(page, 'Packet saved to');
    expect(packetPath).toMatch(
      new RegExp(`^${join(dataDir, 'exports')}/Client-A-\\d{4}-\\d{2}-\\d{2}\\.attune-review$`),
    );
    expectNoneOf(basename(packetPath), today.file, 'the packet’s file name');
    await expect(page.getByText('Share the passphrase separately')).toBeVisible();
    return packetPath;
  });

  // The PDF case summary: the print view, printed by Chromium as Electron prints it in the app.
  await test.step('save the PDF case summary: de-identified, no real date in name or metadata', async () => {
    fileChooser.acceptNextSave();
    await page.getByRole('button', { name: 'Save PDF summary' }).click();
    const pdfPath = await shownPath(page, 'PDF saved to');
    expect(pdfPath).toMatch(/\/exports\/Client-A-\d{4}-\d{2}-\d{2}-summary\.pdf$/);
    expect((await stat(pdfPath)).mode & 0o777).toBe(0o600);
    await pdfFirstPage(page, pdfPath, testInfo);
    const printed = pdfText(await readFile(pdfPath));
    await testInfo.attach('pdf-text.txt', { body: printed, contentType: 'text/plain' });
    // Each text object is a line: read it as flowing text, and also joined (a name split in two).
    const flat = printed.replace(/\s+/g, ' ');
    const joined = printed.replace(/\n/g, '');
    expect(flat).toContain('Case summary · Client A');
    expect(flat).toMatch(/De-identified Page 1 of \d+/);
    expect(flat).toContain('Rupture and repair timeline');
    expect(flat).toContain('[name]');
    for (const text of [flat, joined]) {
      expectNoNames(text, 'the PDF');
      expect(text).not.toContain(PROCESS_MARKER);
    }
    // Chromium stamps the real time of printing into the PDF; main replaces it with the packet's date.
    expectNoneOf(basename(pdfPath), today.file, 'the PDF’s file name');
    const pdfBytes = (await readFile(pdfPath)).toString('latin1');
    expectNoneOf(pdfBytes, today.file, 'the PDF’s bytes');
    expect(pdfBytes).not.toMatch(/\/Producer|\/Creator|HeadlessChrome|Skia/);
    expect(pdfBytes).toMatch(/\/CreationDate \(D:\d{14}\+00'00'\)/);
    const shown = await displayedDays(page, [new Date().toISOString(), ...STARTS]);
    for (const text of [flat, joined]) expectNoneOf(text, shown, 'the PDF’s text');
  });

  // Review mode, in a second profile: a wrong passphrase changes nothing.
  const reviewer = secondProfile;
  const rp = reviewer.page;
  const reviewerCall = caller(reviewer.backend);
  await test.step('the reviewer opens the packet in a second profile', async () => {
    await makeVault(reviewer.dataDir);
    await reviewer.openApp();
    await unlock(rp);
    await rp.getByRole('button', { name: 'Review packets', exact: true }).click();
    await expect(rp.getByText('No review packets opened yet.')).toBeVisible();
    reviewer.nextChosenFile(packetPath);
    await rp.getByRole('button', { name: 'Open review packet' }).click();
    await rp.getByLabel('Packet passphrase').fill('not the packet passphrase');
    await rp.getByRole('button', { name: 'Open packet' }).click();
    await expect(rp.getByRole('alert')).toContainText('Wrong passphrase for this review packet', SLOW_CRYPTO);
    await expect(rp.getByText('No review packets opened yet.')).toBeVisible();
    expect(await caller(reviewer.backend)('review:listPackets')).toEqual([]);
    await rp.getByLabel('Packet passphrase').fill(PACKET_PASS);
    await rp.getByRole('button', { name: 'Open packet' }).click();
    await expect(rp.getByRole('heading', { name: 'Review: Client A', level: 1 })).toBeVisible(SLOW_CRYPTO);
    await expect(rp.getByRole('article')).toHaveCount(3);
    expectNoNames((await rp.locator('main').textContent()) ?? '', 'review mode');
    // The decrypted packet itself, as the reviewer's Attune keeps it.
    const [listing] = await reviewerCall<PacketListing[]>('review:listPackets');
    const opened = JSON.stringify(await reviewerCall('review:getPacket', { packetId: listing!.packetId }));
    expectNoNames(opened, 'the decrypted packet');
    expect(opened).not.toContain(PROCESS_MARKER);
    expectNoneOf(opened, [...today.file, ...STARTS], 'the decrypted packet');
    await expect(rp.getByRole('figure', { name: 'Rupture and repair timeline' })).toBeVisible();
    // The client's outcome measures travel with the charts: scored, with the cut-off and reliable change.
    const phq9 = rp.getByRole('figure', { name: 'PHQ-9', exact: true });
    await expect(phq9.locator('[data-chart="measure-phq9"] .recharts-line-dots > *')).toHaveCount(2);
    await phq9.getByRole('button', { name: 'View as table' }).click();
    const rows = phq9.locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('18');
    await expect(rows.nth(0)).toContainText('Moderately severe');
    await expect(rows.nth(0)).toContainText('follow up on risk');
    await expect(rows.nth(1)).toContainText('8');
    await expect(rows.nth(1)).toContainText('Mild');
    await expect(rows.nth(1)).toContainText('reliable improvement');
    await phq9.getByRole('button', { name: 'View as table' }).click();
  });

  const commentsPath = await test.step('the reviewer comments and exports the comments', async () => {
    // Saved from the keyboard: focus stays with the comment saved (its Edit button), not the page.
    // Or with Ctrl+Enter in the box (`shortcut`), as in mail and chat boxes.
    const comment = async (group: ReturnType<Page['getByRole']>, text: string, shortcut = false) => {
      await group.getByRole('textbox').fill(text);
      if (shortcut) await group.getByRole('textbox').press('Control+Enter');
      else await group.getByRole('button', { name: 'Save comment' }).press('Enter');
      const saved = group.getByRole('listitem').filter({ hasText: text });
      await expect(saved).toBeVisible();
      await expect(saved.getByRole('button', { name: 'Edit comment' })).toBeFocused();
    };
    const firstSession = rp.getByRole('article', { name: /^Session 1 · / });
    // Typed and not saved yet: leaving the packet keeps it.
    const caseBox = rp.getByRole('group', { name: 'Comment on the case' });
    // Nothing saved yet: the export says why it waits.
    await expect(rp.getByRole('button', { name: 'Export comments' })).toBeDisabled();
    await expect(rp.getByText('Only saved comments are exported')).toBeVisible();
    await caseBox.getByRole('textbox').fill(CASE_COMMENT);
    await rp.getByRole('button', { name: 'Review packets', exact: true }).click();
    await rp.getByRole('button', { name: 'Client A', exact: true }).click();
    await expect(caseBox.getByRole('textbox')).toHaveValue(CASE_COMMENT);
    await comment(caseBox, CASE_COMMENT);
    // A comment typed and not saved: the export says it would not be sent.
    const sessionBox = firstSession.getByRole('group', { name: 'Comment on this session' });
    await sessionBox.getByRole('textbox').fill(SESSION_COMMENT);
    await rp.getByRole('button', { name: 'Export comments' }).click();
    await expect(
      rp.getByRole('status').filter({ hasText: '1 comment you typed is not saved' }),
    ).toBeVisible();
    await rp.getByRole('button', { name: 'Cancel' }).click();
    await comment(sessionBox, SESSION_COMMENT);
    const rupture = firstSession.getByRole('region', { name: /^Rupture 1 · Withdrawal · minute 12$/ });
    const ruptureBox = rupture.getByRole('group', { name: 'Comment on this rupture' });
    await comment(ruptureBox, RUPTURE_COMMENT, true);
    // A saved comment can be changed; a change not saved yet is named at export, and kept.
    await caseBox
      .getByRole('listitem')
      .filter({ hasText: CASE_COMMENT })
      .getByRole('button', { name: 'Edit comment' })
      .click();
    const editBox = caseBox.getByRole('textbox', { name: /^Edit your comment saved / });
    await expect(editBox).toBeFocused();
    await expect(editBox).toHaveValue(CASE_COMMENT);
    await editBox.fill(`${CASE_COMMENT} ${CASE_COMMENT_ADDED}`);
    await rp.getByRole('button', { name: 'Export comments' }).click();
    const exportForm = rp.getByRole('form', { name: 'Send your comments back' });
    await expect(
      exportForm.getByRole('status').filter({ hasText: '1 comment you are changing is not saved' }),
    ).toBeVisible();
    // Escape in the panel cancels it, as Cancel does.
    await exportForm.getByLabel('Your name').press('Escape');
    await expect(exportForm).toHaveCount(0);
    await caseBox.getByRole('button', { name: 'Save changes' }).press('Enter');
    await expect(caseBox.getByRole('listitem')).toHaveCount(1);
    await expect(caseBox.getByRole('listitem')).toContainText(CASE_COMMENT_ADDED);
    await expect(caseBox.getByRole('button', { name: 'Edit comment' })).toBeFocused();
    // Deleting asks first; "Keep it" keeps the comment.
    await comment(ruptureBox, 'A second thought, to be deleted.');
    const second = ruptureBox.getByRole('listitem').filter({ hasText: 'A second thought' });
    await second.getByRole('button', { name: 'Delete comment' }).click();
    await expect(second.getByText('Delete this comment? It cannot be brought back.')).toBeVisible();
    await expect(second.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await second.getByRole('button', { name: 'Keep it' }).click();
    await expect(second).toBeVisible();
    await second.getByRole('button', { name: 'Delete comment' }).click();
    await second.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(ruptureBox.getByRole('listitem')).toHaveCount(1);
    // The deleted comment's buttons went with it: the keyboard carries on at the text box.
    await expect(ruptureBox.getByRole('textbox')).toBeFocused();
    await rp.screenshot({ path: testInfo.outputPath('review-mode.png'), fullPage: true });
    await expectAccessible(rp, 'review mode');
    await rp.getByRole('button', { name: 'Export comments' }).click();
    await rp.getByLabel('Your name').fill(REVIEWER);
    await rp.getByLabel('Packet passphrase').fill(PACKET_PASS);
    reviewer.fileChooser.acceptNextSave();
    await rp.getByRole('button', { name: 'Encrypt and save comments' }).click();
    const commentsPath = await shownPath(rp, 'saved to');
    expect(commentsPath).toMatch(/\/exports\/Client-A-comments-\d{4}-\d{2}-\d{2}\.attune-comments$/);
    // The packet is review material, never one of the reviewer's own clients.
    await rp.getByRole('button', { name: 'Clients', exact: true }).click();
    await expect(rp.getByRole('main')).not.toContainText('Client A');
    expect(await reviewerCall('clients:list')).toEqual([]);
    return commentsPath;
  });

  // Home again: a wrong passphrase imports nothing; the right one puts each comment in its place.
  await test.step('the clinician imports the comments beside the sessions', async () => {
    await page.getByRole('button', { name: 'Back to client' }).click();
    await page.getByRole('tab', { name: 'Review' }).click();
    nextChosenFile(commentsPath);
    await page.getByRole('button', { name: 'Import supervisor comments' }).click();
    await page.getByLabel('Packet passphrase').fill('not the packet passphrase');
    await page.getByRole('button', { name: 'Import comments' }).click();
    await expect(page.getByRole('alert')).toContainText('Wrong passphrase', SLOW_CRYPTO);
    const listed = () => caller(backend)<SupervisorComment[]>('comments:list', { clientId: client.id });
    expect(await listed()).toEqual([]);
    await page.getByLabel('Packet passphrase').fill(PACKET_PASS);
    await page.getByRole('button', { name: 'Import comments' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'imported' })).toHaveText(
      '3 comments imported.',
      SLOW_CRYPTO,
    );
    expect(fileChooser.asked).toEqual(['review-packet', 'review-summary', 'open-comments']);

    await expect(page.getByRole('region', { name: 'Supervisor comments on the case' })).toContainText(
      `${CASE_COMMENT} ${CASE_COMMENT_ADDED}`,
    );
    await page.getByRole('tab', { name: 'Sessions' }).click();
    const table = page.getByRole('table', { name: 'Sessions' });
    const dates = await page.evaluate(
      (starts) =>
        starts.map((iso) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })),
      STARTS,
    );
    const firstRow = table.getByRole('row').filter({ hasText: dates[0]! });
    await expect(firstRow).toContainText(SESSION_COMMENT);
    await expect(firstRow).toContainText(RUPTURE_COMMENT);
    await expect(firstRow).toContainText('On rupture 1 (withdrawal, minute 12)');
    await expect(firstRow).toContainText(REVIEWER);
    for (const other of dates.slice(1)) {
      await expect(table.getByRole('row').filter({ hasText: other })).not.toContainText(SESSION_COMMENT);
    }
    const item = firstRow.getByRole('listitem').filter({ hasText: SESSION_COMMENT });
    await item.getByRole('checkbox', { name: 'Addressed' }).check();
    await expect(item.getByRole('checkbox', { name: 'Addressed' })).toBeChecked();
    await expect
      .poll(async () => (await listed()).find((c) => c.text === SESSION_COMMENT)?.addressed)
      .toBe(true);
    await page.screenshot({ path: testInfo.outputPath('comments-home.png'), fullPage: true });
    await expectAccessible(page, 'client page with supervisor comments');
  });

  // Every step is in the clinician's audit log.
  await test.step('every step is in the clinician’s audit log', async () => {
    await caller(backend)('vault:lock', { reason: 'user' });
    const vault = await openTestVault(dataDir);
    const audit = (await vault.readAudit()).map((e) => `${e.type}:${String(e.detail.what ?? '')}`);
    await vault.lock();
    expect(audit).toEqual(
      expect.arrayContaining(['export:review-packet', 'export:review-pdf', 'comments-import:']),
    );
  });
});
