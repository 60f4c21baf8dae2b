import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DemoData, generateDemo } from '../../../main/services/demo/generateDemo';
import { writeDemo } from '../../../main/services/demo/writeDemo';
import { buildReport } from '../../../main/services/report/buildReport';
import { caseloadMetrics } from '../../../shared/analytics/caseloadMetrics';
import { type ClientMetrics, clientMetrics } from '../../../shared/analytics/clientMetrics';
import { caseloadMirror, clientMirror } from '../../../shared/analytics/mirror';
import { agreementSentence, episodeSentence } from '../../../shared/analytics/mirrorWords';
import { dimensionById } from '../../../shared/domain/dimensions';
import { summarizeNote } from '../../../shared/summaries/noteSummary';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault, PASSPHRASE, withOpenVault } from './cliTestKit';

const DISPLAY_NAME = 'Rosalind Quennell-Abernathy';
/** A concern line other than the default 36, so the test shows the settings' line is used. */
const CONCERN_LINE = 38;
/** The rolling window the client charts use (REPAIR_WINDOW in ClientCharts.tsx). */
const RENDERER_WINDOW = 5;

/**
 * 3 clients × 8 sessions from a fixed seed and end date (so they span April to early June 2025),
 * one client with a display name, a concern line of 38.
 */
function demoData(): DemoData {
  const data = generateDemo({ clients: 3, sessionsPerClient: 8, seed: 2024, endDate: '2025-06-05' });
  data.clients[1]!.displayName = DISPLAY_NAME;
  data.settings.feedbackConcernLine = CONCERN_LINE;
  return data;
}

async function demoVault(data: DemoData): Promise<string> {
  return makeVault(join(await tempDir(), 'vault'), (vault) => writeDemo(vault, data));
}

/** The inputs the renderer's index holds: clients and sessions as stored, notes as summaries. */
function indexOf(data: DemoData) {
  return { sessions: data.sessions, notes: data.notes.map(summarizeNote) };
}

/** The client's charts: this client's sessions and note summaries, the range, window 5, the settings' line. */
function rendererClientMetrics(data: DemoData, code: string, range: { from?: string; to?: string } = {}) {
  const client = data.clients.find((c) => c.code === code)!;
  const { sessions, notes } = indexOf(data);
  const metrics = clientMetrics(
    client.id,
    sessions.filter((s) => s.clientId === client.id),
    notes.filter((n) => n.clientId === client.id),
    {
      range: { from: range.from ?? null, to: range.to ?? null },
      window: RENDERER_WINDOW,
      concernLine: data.settings.feedbackConcernLine,
    },
  );
  // The client page's mirror: the same summaries, range and concern line.
  const mirror = clientMirror(
    client.id,
    sessions.filter((s) => s.clientId === client.id),
    notes.filter((n) => n.clientId === client.id),
    {
      range: { from: range.from ?? null, to: range.to ?? null },
      concernLine: data.settings.feedbackConcernLine,
    },
  );
  return { client, metrics, mirror };
}

/** Every sentence-like string anywhere in the notes and process notes (free text). */
function freeTexts(data: DemoData): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.length >= 30 && value.includes(' ')) found.add(value);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(data.notes);
  walk(data.processNotes);
  return [...found];
}

describe('attune report', () => {
  it("prints a client's metrics as the renderer computes them, with the settings' concern line", async () => {
    const data = demoData();
    const dir = await demoVault(data);

    for (const client of data.clients) {
      const result = await cli(['report', dir, '--client', client.code, '--json']);
      expect(result.code).toBe(0);
      const { metrics, mirror } = rendererClientMetrics(data, client.code);
      const expected = {
        kind: 'client',
        client: { code: client.code, status: client.status, startDate: client.startDate },
        range: { from: null, to: null },
        metrics,
        mirror,
      };
      // Same numbers and the same key order, byte for byte.
      expect(result.out).toBe(JSON.stringify(expected, null, 2));
      expect(JSON.parse(result.out).metrics.concernLine).toBe(CONCERN_LINE);
      // Eight sessions each, counted when they took place (the header's count), the rest said apart.
      expect(metrics.sessionCount + metrics.sessionsNotHeld).toBe(8);
      expect(metrics.sessionCount).toBe(
        data.sessions.filter((s) => s.clientId === metrics.clientId && s.attendance === 'attended').length,
      );
    }
    // The fixture is not trivial: ruptures with outcomes and timed repairs, feedback below the line.
    const all = data.clients.map((c) => rendererClientMetrics(data, c.code).metrics);
    expect(all.some((m) => m.ruptureCount > 0 && m.repairRate !== null)).toBe(true);
    expect(all.some((m) => m.medianMinutesToRepair !== null)).toBe(true);
    expect(all.some((m) => m.feedback.some((f) => f.belowConcernLine))).toBe(true);

    // Codes are unique ignoring case, so a lower-case code finds the client too.
    const lower = await cli(['report', dir, '--client', 'c-002', '--json']);
    expect(lower.code).toBe(0);
    expect(JSON.parse(lower.out).client.code).toBe('C-002');
  });

  it('prints the caseload metrics as the caseload page computes them', async () => {
    const data = demoData();
    const dir = await demoVault(data);
    const result = await cli(['report', dir, '--json']);
    expect(result.code).toBe(0);
    const { sessions, notes } = indexOf(data);
    const expected = {
      kind: 'caseload',
      range: { from: null, to: null },
      clients: 3,
      metrics: caseloadMetrics(sessions, notes, { range: { from: null, to: null } }),
      mirror: caseloadMirror(sessions, notes, {
        range: { from: null, to: null },
        concernLine: CONCERN_LINE,
      }),
    };
    expect(result.out).toBe(JSON.stringify(expected, null, 2));
    expect(expected.metrics.totals.sessions + expected.metrics.sessionsNotHeld).toBe(24);
    expect(expected.metrics.totals.sessions).toBe(
      data.sessions.filter((s) => s.attendance === 'attended').length,
    );
    expect(expected.metrics.months.map((m) => m.month)).toEqual(['2025-04', '2025-05', '2025-06']);
  });

  it("prints the mirror's numbers as the client and caseload pages compute them, over a range too", async () => {
    const data = demoData();
    const dir = await demoVault(data);
    const all = data.clients.map((c) => rendererClientMetrics(data, c.code).mirror);
    // The demo is not trivial: episodes of both kinds with changes, compared sessions, participation.
    expect(all.some((m) => m.episodeGroups.resolved.withChange > 0)).toBe(true);
    expect(all.some((m) => m.episodeGroups.unresolved.episodes > 0)).toBe(true);
    expect(all.every((m) => m.agreement.compared > 0 && m.participation.length > 0)).toBe(true);
    expect(all.every((m) => m.outcomeSource === 'feedback')).toBe(true);

    const range = { from: '2025-05-01', to: '2025-06-05' };
    const client = await cli([
      'report',
      dir,
      '--client',
      'C-002',
      '--from',
      range.from,
      '--to',
      range.to,
      '--json',
    ]);
    expect(client.code).toBe(0);
    const { mirror } = rendererClientMetrics(data, 'C-002', range);
    expect(JSON.parse(client.out).mirror).toEqual(mirror);
    expect(mirror.episodes.every((e) => e.startsAt >= range.from)).toBe(true);

    const caseload = await cli(['report', dir, '--from', range.from, '--json']);
    const { sessions, notes } = indexOf(data);
    const expected = caseloadMirror(sessions, notes, {
      range: { from: range.from, to: null },
      concernLine: CONCERN_LINE,
    });
    expect(JSON.parse(caseload.out).mirror).toEqual(expected);
    expect(expected.agreement.compared).toBeGreaterThan(0);
    expect(expected.participationByMonth.map((m) => m.month)).toEqual(['2025-05', '2025-06']);

    // The text summary says the same in words.
    const words = await cli(['report', dir, '--client', 'C-002']);
    const whole = rendererClientMetrics(data, 'C-002').mirror;
    expect(words.out).toContain(episodeSentence(whole.episodeGroups));
    expect(words.out).toContain(agreementSentence(whole.agreement));
    expect(words.out).toContain('session feedback total (0–40) stands in for the outcome');
  });

  it('takes the outcome rating as the outcome where a client has one, and only complete outcome ratings', async () => {
    const data = demoData();
    const client = data.clients[0]!;
    const own = data.sessions.filter((s) => s.clientId === client.id);
    const outcome = (s: (typeof own)[number], i: number, lines: number | null) => ({
      kind: 'measure',
      id: `m-${s.id}-${i}`,
      value: {
        id: `m-${s.id}-${i}`,
        clientId: client.id,
        sessionId: s.id,
        instrument: 'outcome',
        answers: { individually: 5, interpersonally: 6, socially: 7, overall: lines },
        status: lines === null ? 'partial' : 'complete',
        administeredAt: s.startsAt,
        enteredBy: 'client',
        updatedAt: s.startsAt,
      },
    });
    // Complete outcome ratings at every other session (totals 18 + i), a partial one at session 1.
    const measures = [
      ...own.flatMap((s, i) => (i % 2 === 0 ? [outcome(s, 0, i)] : [])),
      outcome(own[1]!, 0, null),
    ];
    const dir = await makeVault(join(await tempDir(), 'vault'), async (vault) => {
      await writeDemo(vault, data);
      await vault.putMany(measures);
    });

    const result = await cli(['report', dir, '--client', client.code, '--json']);
    expect(result.code).toBe(0);
    const mirror = JSON.parse(result.out).mirror;
    expect(mirror.outcomeSource).toBe('outcome-scale');
    expect(mirror.outcomes.map((o: { value: number }) => o.value)).toEqual([18, 20, 22, 24]);
    const { sessions, notes } = indexOf(data);
    const totals = new Map(own.flatMap((s, i) => (i % 2 === 0 ? [[s.id, 18 + i] as const] : [])));
    expect(mirror).toEqual(
      clientMirror(client.id, sessions, notes, { concernLine: CONCERN_LINE, outcomeTotals: totals }),
    );
    // The other clients have none: their outcome stays the feedback total, and the caseload says so.
    const caseload = JSON.parse((await cli(['report', dir, '--json'])).out).mirror;
    expect(caseload.outcomeSources).toEqual({ 'outcome-scale': 1, feedback: 2 });
    const words = (await cli(['report', dir, '--client', client.code])).out;
    expect(words).toContain('The outcome is the client’s outcome scale total (0–40).');
  });

  it('filters by date range, both ends included, for a client and for the caseload', async () => {
    const data = demoData();
    const dir = await demoVault(data);
    const range = { from: '2025-05-01', to: '2025-05-31' };

    const client = await cli([
      'report',
      dir,
      '--client',
      'C-001',
      '--from',
      range.from,
      '--to',
      range.to,
      '--json',
    ]);
    expect(client.code).toBe(0);
    const parsed = JSON.parse(client.out) as { range: unknown; metrics: ClientMetrics };
    const { metrics } = rendererClientMetrics(data, 'C-001', range);
    expect(parsed.range).toEqual({ from: range.from, to: range.to });
    expect(parsed.metrics).toEqual(metrics);
    expect(metrics.sessionCount).toBeGreaterThan(0);
    expect(metrics.sessionCount).toBeLessThan(8);
    for (const s of parsed.metrics.sessions) {
      expect(s.startsAt >= '2025-05-01' && s.startsAt < '2025-06-01').toBe(true);
    }

    // An open start: everything up to and including the end date.
    const until = await cli(['report', dir, '--to', '2025-04-30', '--json']);
    expect(until.code).toBe(0);
    const { sessions, notes } = indexOf(data);
    const expected = caseloadMetrics(sessions, notes, { range: { from: null, to: '2025-04-30' } });
    expect(JSON.parse(until.out).metrics).toEqual(expected);
    expect(expected.months.map((m) => m.month)).toEqual(['2025-04']);
    expect(expected.totals.sessions).toBe(
      data.sessions.filter((s) => s.startsAt < '2025-05-01' && s.attendance === 'attended').length,
    );

    // A range with no sessions is an empty report, not an error.
    const empty = await cli(['report', dir, '--from', '2030-01-01', '--json']);
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.out).metrics).toMatchObject({ clients: 0, months: [], totals: { sessions: 0 } });
  });

  it('never prints note text, process note text, display names or the signer', async () => {
    const data = demoData();
    const dir = await demoVault(data);
    const texts = freeTexts(data);
    expect(texts.length).toBeGreaterThan(50);
    expect(data.processNotes.length).toBeGreaterThan(0);
    const outputs = [
      await cli(['report', dir, '--json']),
      await cli(['report', dir, '--client', 'C-002', '--json']),
      await cli(['report', dir, '--client', 'C-002']),
      await cli(['report', dir]),
    ];
    for (const { code, out, err } of outputs) {
      expect(code).toBe(0);
      const printed = `${out}\n${err}`;
      expect(printed).not.toContain(DISPLAY_NAME);
      expect(printed).not.toContain('Rosalind');
      expect(printed).not.toContain(data.settings.clinicianName);
      for (const text of texts) expect(printed).not.toContain(text);
      // Not even a fragment: the opening words of any note sentence.
      for (const text of texts) expect(printed).not.toContain(text.slice(0, 30));
    }
  });

  it('prints a short human summary without --json', async () => {
    const data = demoData();
    const dir = await demoVault(data);
    const { metrics } = rendererClientMetrics(data, 'C-001');
    const client = await cli(['report', dir, '--client', 'C-001']);
    expect(client.code).toBe(0);
    const lines = client.out.split('\n');
    expect(lines[0]).toBe(
      `Client C-001 (${data.clients[0]!.status}, since ${data.clients[0]!.startDate}), all dates`,
    );
    expect(lines).toContain(`Sessions: ${metrics.sessionCount} (${metrics.notedSessionCount} with a note)`);
    const rate = metrics.repairRate === null ? 'n/a' : `${Math.round(metrics.repairRate * 100)}%`;
    expect(client.out).toContain(`Repair rate: ${rate}`);
    expect(client.out).toContain(`Ruptures: ${metrics.ruptureCount} (`);
    expect(client.out).toMatch(/Attunement means: Affective (\d\.\d|n\/a) · Cognitive/);
    expect(client.out).toMatch(/Weakest dimension: /);
    expect(client.out).toContain(`below the concern line of ${CONCERN_LINE}`);

    const { sessions, notes } = indexOf(data);
    const caseload = caseloadMetrics(sessions, notes);
    const summary = await cli(['report', dir, '--from', '2025-04-01']);
    expect(summary.code).toBe(0);
    expect(summary.out).toContain(
      'Caseload, since 2025-04-01: 3 clients in the vault, 3 with sessions in range',
    );
    expect(summary.out).toContain(
      `Sessions: ${caseload.totals.sessions} (${caseload.totals.notes} with a note) over 3 months`,
    );
    expect(summary.out).toContain(`Ruptures: ${caseload.totals.ruptures} (`);
    const weakest = caseload.clinicianProfile.weakest!;
    expect(summary.out).toContain(
      `Weakest dimension: ${dimensionById(weakest.dimension).label} (${(Math.round(weakest.mean * 10) / 10).toFixed(1)})`,
    );
  });

  it("records an 'export' audit entry for each report, and none for a refused one", async () => {
    const data = demoData();
    const dir = await demoVault(data);
    expect((await cli(['report', dir, '--client', 'C-003', '--json'])).code).toBe(0);
    expect((await cli(['report', dir])).code).toBe(0);
    expect((await cli(['report', dir, '--client', 'C-999'])).code).toBe(2);
    const exports = await withOpenVault(dir, async (vault) =>
      (await vault.readAudit()).filter((e) => e.type === 'export').map((e) => e.detail),
    );
    expect(exports).toEqual([
      { what: 'report', scope: 'client', clientId: data.clients[2]!.id },
      { what: 'report', scope: 'caseload' },
    ]);
  });

  it('refuses an unknown client, bad dates and a backwards range with exit code 2', async () => {
    const data = demoData();
    const dir = await demoVault(data);
    expect(await cli(['report', dir, '--client', 'C-999', '--json'])).toMatchObject({
      code: 2,
      out: '',
      err: 'attune: No client with code C-999.',
    });
    // Dates are checked before the passphrase is needed: no passphrase is given here.
    const noSecret = {};
    expect(await cli(['report', dir, '--from', '2025-13-01'], noSecret)).toMatchObject({
      code: 2,
      out: '',
      err: 'attune: --from must be a calendar date written yyyy-mm-dd (e.g. 2025-01-31), not “2025-13-01”.',
    });
    expect(await cli(['report', dir, '--to', '2025-02-30'], noSecret)).toMatchObject({
      code: 2,
      err: expect.stringContaining('--to must be a calendar date'),
    });
    expect((await cli(['report', dir, '--from', '1/5/2025'], noSecret)).code).toBe(2);
    expect((await cli(['report', dir, '--from', ''], noSecret)).code).toBe(2);
    expect(await cli(['report', dir, '--from', '2025-06-01', '--to', '2025-05-01'], noSecret)).toMatchObject({
      code: 2,
      err: 'attune: --from 2025-06-01 is after --to 2025-05-01: nothing could be in range.',
    });
    // A single day is a valid range.
    expect((await cli(['report', dir, '--from', '2025-05-01', '--to', '2025-05-01'])).code).toBe(0);
  });

  it('exits 3 on a wrong passphrase and prints nothing', async () => {
    const data = demoData();
    const dir = await demoVault(data);
    const result = await cli(['report', dir, '--json'], { ATTUNE_PASSPHRASE: `${PASSPHRASE}!` });
    expect(result.code).toBe(3);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^attune: /);
  });

  it('buildReport uses the default concern line when the vault has no settings record', async () => {
    const data = demoData();
    const dir = await makeVault(join(await tempDir(), 'vault'), (vault) =>
      writeDemo(vault, data).then(() => vault.delete('setting', 'settings')),
    );
    const report = await withOpenVault(dir, (vault) => buildReport(vault, { clientCode: 'C-001' }));
    expect(report.kind).toBe('client');
    if (report.kind !== 'client') return;
    expect(report.metrics.concernLine).toBe(36);
    const client = data.clients[0]!;
    const { sessions, notes } = indexOf(data);
    expect(report.metrics).toEqual(clientMetrics(client.id, sessions, notes, { window: RENDERER_WINDOW }));
  });
});
