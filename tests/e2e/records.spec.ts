import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import type { Backend } from '../../main/ipc/createBackend';
import { emptyAttunement } from '../../shared/domain/attunementSchema';
import type { Client } from '../../shared/domain/clientSchema';
import type { Note } from '../../shared/domain/noteSchema';
import { emptyParticipation } from '../../shared/domain/participationSchema';
import type { Session } from '../../shared/domain/sessionSchema';
import { expect, test } from './harness';
import { pdfText } from './pdfText';
import { caller, createTestVault } from './seed';
import { expectAccessible, goTo, passphrase, unlock } from './steps';

const PROCESS_SENTENCE = 'I felt a strong urge to rescue her from the silence';
const SUBJECTIVE = 'Jordan described a week of broken sleep before the hearing.';
const ADDENDUM = 'Late entry: Jordan phoned to confirm the referral letter arrived.';
const PRACTICE = { name: 'Harbour Street Therapy', details: '12 Harbour Street, Port Ellen\nPhone 555 0142' };
const SIGNER = 'Dr. Lee Rivera';

/** For what waits on Argon2id or a print on a busy machine. */
const SLOW = { timeout: 30_000 };

/** A vault with small KDF settings (the app reads them from the header), left locked. */
async function makeVault(dataDir: string): Promise<void> {
  await (await createTestVault(dataDir)).lock();
}

function draft() {
  const attunement = emptyAttunement();
  attunement.affective = {
    rating: 4,
    unrated: null,
    observation: 'Fear showed in her hands when the hearing came up.',
    response: 'I named the fear and slowed down.',
  };
  const participation = emptyParticipation();
  participation.mindfulBreathing = { used: true, text: 'Three slow breaths before the hard part.' };
  return {
    sections: {
      subjective: SUBJECTIVE,
      objective: 'Restless, tearful once.',
      assessment: 'Anxiety rising ahead of the hearing.',
    },
    attunement,
    coRegulation: '',
    ruptures: [
      {
        id: 'r1',
        minute: 14,
        type: 'withdrawal',
        markers: ['minimal-response'],
        salience: 3,
        followedLapseOf: ['rhythmic'],
        context: 'After I moved to homework too quickly.',
        strategies: ['invite-discussion'],
        outcome: 'resolved',
        repairMinute: 19,
        clientResponse: 'Said it felt rushed, then re-engaged.',
      },
    ],
    sessionJudgments: { therapistContribution: 3, overallResolution: 4 },
    participation,
    feedback: { relationship: 9, goals: 8, approach: 9, overall: 9 },
    plan: 'Prepare for the hearing; review sleep.',
  };
}

/** A client with one session whose note is a full draft (signed when asked) and has a process note. */
async function seed(dataDir: string, backend: Backend, { sign }: { sign: boolean }) {
  await makeVault(dataDir);
  const call = caller(backend);
  await call('vault:unlock', { passphrase });
  await call('settings:update', { clinicianName: SIGNER });
  const client = await call<Client>('clients:create', {
    code: 'C-021',
    displayName: 'Jordan Avery',
    startDate: '2026-01-05',
    concerns: ['Anxiety'],
    goals: [],
  });
  const session = await call<Session>('sessions:create', {
    clientId: client.id,
    startsAt: '2026-02-02T09:00:00.000Z',
    durationMinutes: 50,
    modality: 'in-person',
    attendance: 'attended',
  });
  const note = await call<Note>('notes:create', { sessionId: session.id, templateId: 'soap' });
  await call('notes:saveDraft', { id: note.id, draft: draft() });
  await call('processNotes:save', { noteId: note.id, text: PROCESS_SENTENCE });
  if (sign) {
    await call('notes:sign', { id: note.id });
    await call('notes:addAddendum', {
      id: note.id,
      type: 'clarification',
      reason: 'Added after signing.',
      text: ADDENDUM,
    });
  }
  await call('vault:lock', { reason: 'user' });
  return { client, note };
}

/** The saved path a status message shows (the first of them). */
async function shownPath(page: Page, saying: string | RegExp): Promise<string> {
  const status = page.getByRole('status').filter({ hasText: saying });
  await expect(status).toBeVisible(SLOW);
  return (await status.locator('code').first().textContent()) ?? '';
}

/** A folder outside the vault for the exports, as the user would choose one. */
function exportFolder(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'attune-e2e-export-'));
}

/** The PDF's text, flat (each text object is a line) and attached with the PDF to the report. */
async function readPdf(path: string, testInfo: TestInfo, name: string): Promise<string> {
  const copy = testInfo.outputPath(`${name}.pdf`);
  await copyFile(path, copy);
  await testInfo.attach(`${name}.pdf`, { path: copy, contentType: 'application/pdf' });
  const text = pdfText(await readFile(path));
  await testInfo.attach(`${name}.txt`, { body: text, contentType: 'text/plain' });
  return text.replace(/\s+/g, ' ');
}

test('one signed note printed to PDF: identified, with practice header, signature, addendum and page numbers', async ({
  page,
  openApp,
  dataDir,
  backend,
  fileChooser,
}, testInfo) => {
  test.setTimeout(240_000);
  const folder = await exportFolder();
  await test.step('seed a draft note and set the practice details in Settings', async () => {
    await seed(dataDir, backend, { sign: false });
    await openApp();
    await unlock(page);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const practice = page.getByRole('region', { name: 'Practice details on printed records' });
    await practice.getByLabel('Practice name').fill(PRACTICE.name);
    await practice.getByLabel(/Address and contact lines/).fill(PRACTICE.details);
    await practice.getByRole('button', { name: 'Save practice details' }).click();
    await expect(practice.getByText(/Practice details saved at/)).toBeVisible();
    await expectAccessible(page, 'Settings with practice details and export/import');
    await page.screenshot({ path: testInfo.outputPath('settings.png'), fullPage: true });
  });

  await test.step('a draft cannot be printed as a record', async () => {
    await page.getByRole('button', { name: 'Clients', exact: true }).click();
    await page.getByRole('button', { name: 'C-021', exact: true }).click();
    await page.getByRole('button', { name: /^Open note of/ }).click();
    await page.getByRole('button', { name: 'Print or save as PDF' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Only a signed note can be printed' }),
    ).toBeVisible();
    expect(fileChooser.asked).toEqual([]);
  });

  await test.step('sign the note and add an addendum', async () => {
    await page.getByRole('button', { name: 'Sign note' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign', exact: true }).click();
    await expect(page.getByText(`by ${SIGNER}`).first()).toBeVisible(SLOW);
    await page.getByRole('button', { name: 'Add addendum' }).click();
    await page.getByRole('radio', { name: 'Clarification' }).check();
    await page.getByLabel('Reason', { exact: true }).fill('Client phoned after the session.');
    await page.getByLabel('Addendum', { exact: true }).fill(ADDENDUM);
    await page.getByRole('button', { name: 'Save addendum' }).click();
    // The saved addendum as its paragraph: its field can still hold the same text a moment after saving.
    await expect(page.getByRole('paragraph').filter({ hasText: ADDENDUM })).toBeVisible(SLOW);
  });

  await test.step('print it to PDF in the chosen folder and read the PDF', async () => {
    fileChooser.choose(folder);
    await page.getByRole('button', { name: 'Print or save as PDF' }).click();
    const path = await shownPath(page, 'PDF saved to');
    expect(path).toBe(join(folder, 'C-021-note-2026-02-02.pdf'));
    expect(fileChooser.asked).toEqual(['export-to']);
    await expectAccessible(page, 'the signed note with its print button');
    await page.locator('header.note-header').screenshot({ path: testInfo.outputPath('note-header.png') });
    const text = await readPdf(path, testInfo, 'note');
    for (const expected of [
      PRACTICE.name,
      '12 Harbour Street, Port Ellen',
      'Phone 555 0142',
      'Clinical note',
      'Jordan Avery',
      'Code C-021',
      'Subjective',
      SUBJECTIVE,
      'Assessment',
      'Affective attunement',
      'Rating: 4 · Good',
      'Rupture 1 · Withdrawal · minute 14',
      'Minimal response',
      'Session feedback',
      `Signed by ${SIGNER} on`,
      'Content hash (SHA-256)',
      'Clarification of',
      'Reason: Client phoned after the session.',
      ADDENDUM,
      'Confidential clinical record',
    ]) {
      expect(text, `the PDF says “${expected}”`).toContain(expected);
    }
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).not.toContain(PROCESS_SENTENCE);
  });
  await rm(folder, { recursive: true, force: true });
});

test('client record export: PDF and JSON of the record set, without the process note', async ({
  page,
  openApp,
  dataDir,
  backend,
  fileChooser,
}, testInfo) => {
  test.setTimeout(240_000);
  const folder = await exportFolder();
  await test.step('open the client page of a client with a signed note and a process note', async () => {
    await seed(dataDir, backend, { sign: true });
    await openApp();
    await unlock(page);
    await goTo(page, 'Clients');
    await page.getByRole('button', { name: 'C-021', exact: true }).click();
    await page.getByRole('tab', { name: 'Review' }).click();
    const panel = page.getByRole('region', { name: 'Records request' });
    await expect(
      panel.getByText(/Process notes \(psychotherapy notes\) are not part of this record/),
    ).toBeVisible();
    await expectAccessible(page, 'the client page with the records request');
  });

  await test.step('export the record into the chosen folder', async () => {
    fileChooser.choose(folder);
    await page.getByRole('button', { name: 'Export client record…' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Exported 1 session' });
    await expect(status).toBeVisible(SLOW);
    await expect(status).toContainText('1 signed note with 1 addendum and 1 feedback score');
    await page.getByRole('region', { name: 'Records request' }).screenshot({
      path: testInfo.outputPath('client-record-exported.png'),
    });
    const [pdfPath, jsonPath] = await status.locator('code').allTextContents();
    expect(pdfPath).toMatch(/C-021-record-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(jsonPath).toMatch(/C-021-record-\d{4}-\d{2}-\d{2}\.json$/);

    const text = await readPdf(pdfPath!, testInfo, 'client-record');
    for (const expected of [
      'Client record',
      'Jordan Avery',
      'Code C-021',
      'Sessions',
      SUBJECTIVE,
      ADDENDUM,
      // Issue 15: the plan, diagnoses and safety plan have their place, saying when there is none.
      'No signed treatment plan.',
      'No diagnosis recorded.',
      'No safety plan recorded.',
    ]) {
      expect(text, `the PDF says “${expected}”`).toContain(expected);
    }
    expect(text).toMatch(/Confidential clinical record Page 1 of \d+/);
    expect(text).not.toContain(PROCESS_SENTENCE);
    expect(text.replace(/ /g, '')).not.toContain(PROCESS_SENTENCE.replace(/ /g, ''));

    const json = await readFile(jsonPath!, 'utf8');
    expect(json).not.toContain(PROCESS_SENTENCE);
    expect(json).toContain(SUBJECTIVE);
    expect(JSON.parse(json)).toMatchObject({
      format: 'attune-export',
      version: 3,
      treatmentPlans: [],
      diagnoses: [],
      safetyPlans: [],
    });
    expect(JSON.parse(json).processNotes).toBeUndefined();
  });
  await rm(folder, { recursive: true, force: true });
});

test('full export from Settings, then import into a second profile with a summary first', async ({
  page,
  openApp,
  dataDir,
  backend,
  fileChooser,
  secondProfile,
}, testInfo) => {
  test.setTimeout(240_000);
  const folder = await exportFolder();
  const exported = await test.step('export every record from Settings, without process notes', async () => {
    await seed(dataDir, backend, { sign: true });
    await openApp();
    await unlock(page);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const section = page.getByRole('region', { name: 'Export and import all records' });
    await expect(section.getByRole('checkbox', { name: /Include process notes/ })).not.toBeChecked();
    fileChooser.choose(folder);
    await section.getByRole('button', { name: 'Export all records…' }).click();
    const path = await shownPath(page, 'Exported 1 client');
    // Left out as chosen, not "0 process notes".
    await expect(section.getByRole('status').filter({ hasText: 'Exported 1 client' })).toContainText(
      '(without process notes)',
    );
    await expect(section.getByRole('status').filter({ hasText: 'Exported 1 client' })).not.toContainText(
      '0 process notes',
    );
    expect(path).toMatch(/attune-export-\d{4}-\d{2}-\d{2}\.json$/);
    expect(await readFile(path, 'utf8')).not.toContain(PROCESS_SENTENCE);
    return path;
  });

  const other = secondProfile;
  const op = other.page;
  await test.step('an invalid file is refused with its problems, and nothing changes', async () => {
    await makeVault(other.dataDir);
    await other.openApp();
    await unlock(op);
    await op.getByRole('button', { name: 'Settings', exact: true }).click();
    const broken = JSON.parse(await readFile(exported, 'utf8'));
    broken.notes[0].sessionId = 'no-such-session';
    const brokenPath = join(folder, 'broken.json');
    await writeFile(brokenPath, JSON.stringify(broken));
    other.nextChosenFile(brokenPath);
    await op.getByRole('button', { name: 'Choose a file to import…' }).click();
    const summary = op.getByRole('region', { name: 'Import summary' });
    await expect(summary.getByRole('heading', { name: 'This file can’t be imported' })).toBeVisible(SLOW);
    await expect(summary.getByRole('alert')).toContainText('notes[0].sessionId');
    await expect(summary.getByRole('button', { name: 'Confirm import' })).toHaveCount(0);
    await expectAccessible(op, 'an invalid import file');
    await op.screenshot({ path: testInfo.outputPath('import-invalid.png'), fullPage: true });
    await summary.getByRole('button', { name: 'Close' }).click();
  });

  await test.step('the real export: a summary, then Confirm imports it', async () => {
    other.nextChosenFile(exported);
    await op.getByRole('button', { name: 'Choose a file to import…' }).click();
    const summary = op.getByRole('region', { name: 'Import summary' });
    await expect(summary.getByRole('heading', { name: 'Ready to import' })).toBeFocused(SLOW);
    // Exported without process notes: none are said, not "0 process notes".
    await expect(summary).toContainText('1 client, 1 session, 1 note, 0 templates');
    await expect(summary).toContainText('Conflicts');
    await expectAccessible(op, 'the import summary');
    await op.screenshot({ path: testInfo.outputPath('import-summary.png'), fullPage: true });
    await summary.getByRole('button', { name: 'Confirm import' }).click();
    await expect(op.getByRole('status').filter({ hasText: 'Imported 1 client' })).toBeVisible(SLOW);
    await op.getByRole('button', { name: 'Clients', exact: true }).click();
    await expect(op.getByRole('button', { name: 'C-021', exact: true })).toBeVisible();
  });

  await test.step('the same file again: every record conflicts, said in one sentence as attune import says it', async () => {
    await op.getByRole('button', { name: 'Settings', exact: true }).click();
    other.nextChosenFile(exported);
    await op.getByRole('button', { name: 'Choose a file to import…' }).click();
    const summary = op.getByRole('region', { name: 'Import summary' });
    await expect(summary.getByRole('heading', { name: 'This file can’t be imported' })).toBeVisible(SLOW);
    await expect(summary).toContainText('3 records already in this vault');
    await expect(summary.getByRole('alert')).toHaveText(
      'Every record in this file (3) is in the vault already: the file was imported before, or exported from this vault. Import only adds records, so nothing was imported.Close',
    );
    await expect(summary).not.toContainText('Fix these');
    await summary.getByRole('button', { name: 'Close' }).click();
    await expect(summary).toHaveCount(0);
  });
  await rm(folder, { recursive: true, force: true });
});
