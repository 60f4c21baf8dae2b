import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DemoData, FIXED_DEMO_END_DATE, generateDemo } from '../../../main/services/demo/generateDemo';
import { Random, seedFrom } from '../../../main/services/demo/random';
import { contentHashOf } from '../../../main/services/NoteService';
import { clientSchema } from '../../../shared/domain/clientSchema';
import { feedbackTotal } from '../../../shared/domain/feedback';
import { noteSchema } from '../../../shared/domain/noteSchema';
import { processNoteSchema } from '../../../shared/domain/processNoteSchema';
import { sessionSchema } from '../../../shared/domain/sessionSchema';
import { settingsSchema } from '../../../shared/domain/settingsSchema';
import { tempDir } from '../helpers/tempDir';
import { cli, withOpenVault } from './cliTestKit';

const DAY = 86_400_000;

/** Every timestamp in the data, so none can be after the end date. */
function timestamps(data: DemoData): string[] {
  return [
    ...data.clients.flatMap((c) => [c.createdAt, c.updatedAt]),
    ...data.sessions.map((s) => s.startsAt),
    ...data.notes.flatMap((n) => [
      n.createdAt,
      n.updatedAt,
      ...(n.signed ? [n.signed.at] : []),
      ...n.addenda.map((a) => a.at),
    ]),
    ...data.processNotes.map((p) => p.updatedAt),
  ];
}

const latestSessionDay = (sessions: { startsAt: string }[]) =>
  sessions
    .map((s) => s.startsAt.slice(0, 10))
    .sort()
    .at(-1);

/** Today's yyyy-mm-dd where the test runs (as `attune demo` counts today). */
function localDay(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('generateDemo', () => {
  it('produces records that each pass their schema, with consistent references and signatures', () => {
    const data = generateDemo({ clients: 8, sessionsPerClient: 12, seed: 42 });
    expect(data.clients.map((c) => c.code)).toEqual([
      'C-001',
      'C-002',
      'C-003',
      'C-004',
      'C-005',
      'C-006',
      'C-007',
      'C-008',
    ]);
    for (const c of data.clients) expect(clientSchema.parse(c)).toEqual(c);
    for (const s of data.sessions) expect(sessionSchema.parse(s)).toEqual(s);
    for (const n of data.notes) expect(noteSchema.parse(n)).toEqual(n);
    for (const p of data.processNotes) expect(processNoteSchema.parse(p)).toEqual(p);
    expect(settingsSchema.parse(data.settings)).toEqual(data.settings);

    const sessions = new Map(data.sessions.map((s) => [s.id, s]));
    const notes = new Map(data.notes.map((n) => [n.id, n]));
    expect(data.notes).toHaveLength(96);
    expect(new Set(data.notes.map((n) => n.sessionId)).size).toBe(96);
    for (const note of data.notes) {
      expect(sessions.get(note.sessionId)?.clientId).toBe(note.clientId);
      if (note.signed) expect(note.signed.contentHash).toBe(contentHashOf(note));
      expect(note.ruptures.length).toBeLessThanOrEqual(3);
    }
    for (const p of data.processNotes) {
      expect(p.id).toBe(p.noteId);
      expect(notes.get(p.noteId ?? '')).toMatchObject({ sessionId: p.sessionId, clientId: p.clientId });
    }
    for (const client of data.clients) {
      const starts = data.sessions.filter((s) => s.clientId === client.id).map((s) => Date.parse(s.startsAt));
      expect(client.startDate).toBe(new Date(starts[0]!).toISOString().slice(0, 10));
      for (let i = 1; i < starts.length; i++)
        expect([7 * DAY, 14 * DAY]).toContain(starts[i]! - starts[i - 1]!);
    }
  });

  it('is deterministic for a seed, and different seeds give different data', () => {
    const options = { clients: 4, sessionsPerClient: 6, seed: 7 };
    expect(generateDemo(options)).toEqual(generateDemo(options));
    expect(generateDemo({ ...options, seed: 8 }).notes[0]).not.toEqual(generateDemo(options).notes[0]);
    expect(seedFrom('demo')).toBe(seedFrom('demo'));
    expect(new Random(1).next()).toBe(new Random(1).next());
  });

  it('looks like a real caseload: ~4 KB notes, ~70% signed, varied templates, feedback around 36', () => {
    const data = generateDemo({ clients: 30, sessionsPerClient: 30, seed: 3 });
    const sizes = data.notes.map((n) => Buffer.byteLength(JSON.stringify(n)));
    const average = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(average).toBeGreaterThan(3500);
    expect(average).toBeLessThan(5000);
    const signed = data.notes.filter((n) => n.status === 'signed').length / data.notes.length;
    expect(signed).toBeGreaterThan(0.62);
    expect(signed).toBeLessThan(0.78);
    expect(new Set(data.notes.map((n) => n.templateId))).toEqual(
      new Set(['narrative', 'soap', 'dap', 'birp']),
    );
    const ruptureCounts = new Set(data.notes.map((n) => n.ruptures.length));
    expect(ruptureCounts).toEqual(new Set([0, 1, 2, 3]));
    const totals = data.notes.map((n) => feedbackTotal(n.feedback)).filter((t): t is number => t !== null);
    const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
    expect(mean).toBeGreaterThan(33);
    expect(mean).toBeLessThan(38);
    expect(totals.some((t) => t < 36)).toBe(true);
    expect(totals.some((t) => t >= 36)).toBe(true);
    expect(data.processNotes.length).toBeGreaterThan(0);
    expect(data.notes.some((n) => n.addenda.length > 0)).toBe(true);
    // Ratings change over a course of therapy: most clients end higher than they start.
    const rising = data.clients.filter((c) => {
      const mine = data.notes.filter((n) => n.clientId === c.id && n.attunement.affective.rating !== null);
      const avg = (list: typeof mine) =>
        list.reduce((a, n) => a + n.attunement.affective.rating!, 0) / list.length;
      return avg(mine.slice(-10)) > avg(mine.slice(0, 10));
    });
    expect(rising.length).toBeGreaterThan(data.clients.length / 2);
  });

  it('ends on its end date: the latest session falls on it, and nothing is dated after it', () => {
    for (const [endDate, seed] of [
      ['2024-02-29', 1],
      ['2026-11-03', 42],
      [FIXED_DEMO_END_DATE, 3],
    ] as const) {
      const data = generateDemo({ clients: 20, sessionsPerClient: 15, seed, endDate });
      expect(latestSessionDay(data.sessions)).toBe(endDate);
      const endOfDay = `${endDate}T23:59:59.999Z`;
      expect(timestamps(data).filter((t) => t > endOfDay)).toEqual([]);
      // Current clients were seen in the final week, so "Last 3 months" is never empty.
      for (const client of data.clients.filter((c) => c.status === 'active')) {
        const last = latestSessionDay(data.sessions.filter((s) => s.clientId === client.id))!;
        expect(Date.parse(endDate) - Date.parse(last)).toBeLessThan(7 * DAY);
      }
    }
    // Without an end date: a fixed one, so tests and benchmarks get the same data every day.
    expect(latestSessionDay(generateDemo({ clients: 2, sessionsPerClient: 2, seed: 1 }).sessions)).toBe(
      FIXED_DEMO_END_DATE,
    );
  });

  it('is deterministic for a seed and an end date; another end date moves the same caseload', () => {
    const options = { clients: 4, sessionsPerClient: 6, seed: 7, endDate: '2026-03-15' };
    expect(generateDemo(options)).toEqual(generateDemo(options));
    const later = generateDemo({ ...options, endDate: '2026-03-22' });
    const earlier = generateDemo(options);
    expect(later.sessions.map((s) => Date.parse(s.startsAt) - 7 * DAY)).toEqual(
      earlier.sessions.map((s) => Date.parse(s.startsAt)),
    );
  });

  it('refuses an end date that is not a calendar date', () => {
    for (const endDate of ['2025-02-30', '27/06/2025', 'today', ''])
      expect(() => generateDemo({ clients: 1, sessionsPerClient: 1, seed: 1, endDate })).toThrow(
        /is not a date: write it as yyyy-mm-dd/,
      );
  });

  it('refuses counts outside its limits', () => {
    expect(() => generateDemo({ clients: 0, sessionsPerClient: 1, seed: 1 })).toThrow(/number of clients/);
    expect(() => generateDemo({ clients: 1, sessionsPerClient: 1.5, seed: 1 })).toThrow(
      /sessions per client/,
    );
  });
});

describe('attune demo', () => {
  it('creates a vault (real KDF) holding the generated data, and prints its recovery key', async () => {
    const dir = join(await tempDir(), 'demo');
    const result = await cli([
      'demo',
      dir,
      '--clients',
      '2',
      '--sessions',
      '3',
      '--seed',
      '11',
      '--end',
      '2024-11-20',
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('2 clients, 6 sessions, 6 notes');
    expect(result.out).toMatch(/\n {2}([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);

    const expected = generateDemo({ clients: 2, sessionsPerClient: 3, seed: 11, endDate: '2024-11-20' });
    expect(latestSessionDay(expected.sessions)).toBe('2024-11-20');
    await withOpenVault(dir, async (vault) => {
      expect(vault.format).toBe(2);
      const notes = (await vault.getAll('note')).map((r) => r.value);
      expect(notes).toEqual(expect.arrayContaining(expected.notes));
      expect(vault.list('client')).toHaveLength(2);
      expect(vault.list('process-note')).toHaveLength(expected.processNotes.length);
      expect(await vault.get('setting', 'settings')).toEqual(expected.settings);
    });
  });

  it('ends today by default (as the user counts days), so recent ranges in the app show data', async () => {
    const dir = join(await tempDir(), 'demo');
    const before = localDay();
    const result = await cli(['demo', dir, '--clients', '3', '--sessions', '4']);
    expect(result.code).toBe(0);
    const sessions = await withOpenVault(dir, async (vault) =>
      (await vault.getAll('session')).map((r) => r.value),
    );
    // The end date is the local date; sessions sit at 08:00–18:30 UTC on it, so their date is that
    // date exactly. Two candidates only in case the test runs across midnight.
    expect([before, localDay()]).toContain(latestSessionDay(sessions as { startsAt: string }[]));
  });

  it('refuses an --end that is not a date, with exit code 2 and no vault', async () => {
    const dir = join(await tempDir(), 'demo');
    const result = await cli(['demo', dir, '--clients', '1', '--sessions', '1', '--end', '2025-13-01']);
    expect(result).toMatchObject({
      code: 2,
      err: 'attune: The demo end date “2025-13-01” is not a date: write it as yyyy-mm-dd, e.g. 2025-06-27.',
    });
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses bad counts and folders that are not empty, with exit code 2', async () => {
    const root = await tempDir();
    expect(await cli(['demo', join(root, 'x'), '--clients', 'many'])).toMatchObject({
      code: 2,
      err: 'attune: --clients must be a whole number.',
    });
    expect((await cli(['demo', join(root, 'x'), '--clients', '0'])).code).toBe(2);
    await writeFile(join(root, 'notes.txt'), 'not a vault');
    const notEmpty = await cli(['demo', root, '--clients', '1', '--sessions', '1']);
    expect(notEmpty).toMatchObject({
      code: 2,
      err: 'attune: Choose an empty folder for the new vault: this one already holds files.',
    });
  });
});
