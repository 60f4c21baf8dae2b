import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../main/services/demo/generateDemo';
import { writeDemo } from '../../../main/services/demo/writeDemo';
import { openPacketFile } from '../../../main/services/review/reviewFiles';
import { clientMetrics } from '../../../shared/analytics/clientMetrics';
import { sessionStanding } from '../../../shared/analytics/notesBySession';
import { packetMetrics } from '../../../shared/review/packetAnalytics';
import type { ReviewPacket } from '../../../shared/review/packetSchema';
import { summarizeNote } from '../../../shared/summaries/noteSummary';
import {
  CLIENT_NAME,
  everything,
  expectKind,
  FORBIDDEN,
  OTHER_NAMES,
  openReviewHarness,
  PACKET_PASS,
  PROCESS_SECRET,
  realIds,
  seedCase,
} from './reviewKit';

const DAY = 86_400_000;

function expectDeidentified(packet: ReviewPacket, ids: string[]) {
  const json = JSON.stringify(packet).toLowerCase();
  for (const name of FORBIDDEN) expect(json, `“${name}” leaked`).not.toContain(name);
  for (const id of ids) expect(json, `id ${id} leaked`).not.toContain(id.toLowerCase());
}

describe('building a review packet', () => {
  it('leaves out every name, the client code and every real id, in every field', async () => {
    const { services, review } = await openReviewHarness();
    const seeded = await seedCase(services);
    const packet = await review.preview({
      clientId: seeded.client.id,
      include: everything,
      extraNames: OTHER_NAMES,
      shiftDates: true,
    });

    expectDeidentified(packet, realIds(seeded));
    expect(packet.alias).toBe('Client A');
    expect(packet.sessions).toHaveLength(3);
    expect(packet.notes).toHaveLength(3);
    expect(packet.summaries).toHaveLength(3);
    expect(packet.processNotes).toBeUndefined();
    expect(JSON.stringify(packet)).not.toContain(PROCESS_SECRET);

    // The text is still there, with the alias and "[name]" in place of the names.
    const [first, second] = packet.notes;
    expect(first!.sections.subjective).toBe('Client A reports a hard week; [name] moved out.');
    expect(first!.sections.objective).toBe('Client A was tearful. Client A on the intake form.');
    expect(first!.attunement.affective.observation).toBe(
      'Client A’s sadness showed when she spoke of [name].',
    );
    expect(first!.participation.feedbackToTherapist.quote).toBe(
      '“You sound like [name] when you do that, Client A-style.”',
    );
    expect(first!.ruptures[0]!.context).toBe('After I mentioned [name], Client A went quiet (0).');
    expect(first!.addenda).toEqual([
      {
        at: expect.any(String),
        type: 'clarification',
        reason: 'Added after signing.',
        text: 'Client A called: [name] came back for her things.',
      },
    ]);
    expect(first!.plan).toBe('Ask Client A about the letter to [name]; check in on [name].');
    expect(first!.status).toBe('signed');
    expect(first!.excerpt).toBe(false);

    // The clinician's own template and vocabulary travel without their names or ids.
    const template = packet.templates.find((t) => t.id === second!.templateId)!;
    expect(template).toMatchObject({ builtIn: false, name: 'Client A family format' });
    expect(template.sections).toEqual([
      { id: 'section-1', label: 'Client A family history' },
      { id: 'section-2', label: 'Today' },
    ]);
    expect(second!.sections).toEqual({
      'section-1': 'The Client A family never talked about feelings, Client A says.',
      'section-2': 'Client A compared me to [name].',
    });
    expect(packet.vocabulary.markers).toEqual([
      {
        id: 'custom-marker-1',
        type: 'withdrawal',
        label: 'Client A freezes',
        description: 'The Client A silence.',
      },
    ]);
    expect(second!.ruptures[1]!.strategies).toEqual(['invite-discussion', 'custom-strategy-1']);
    expect(packet.summaries[1]!.ruptures.map((r) => r.id)).toEqual(second!.ruptures.map((r) => r.ruptureRef));
  });

  it('puts process notes in only when ticked, de-identified', async () => {
    const { services, review } = await openReviewHarness();
    const seeded = await seedCase(services);
    const packet = await review.preview({
      clientId: seeded.client.id,
      include: { ...everything, processNotes: true },
      extraNames: OTHER_NAMES,
      shiftDates: false,
    });
    expect(packet.processNotes).toEqual([
      {
        sessionRef: packet.sessions[0]!.sessionRef,
        noteRef: packet.notes[0]!.noteRef,
        text: `Client A ${PROCESS_SECRET}; my own unease about [name].`,
      },
    ]);
    expectDeidentified(packet, realIds(seeded));
  });

  it('shifts every date back by the same whole number of days, 30 to 180, keeping intervals', async () => {
    const { services, review } = await openReviewHarness();
    const seeded = await seedCase(services);
    const packet = await review.preview({
      clientId: seeded.client.id,
      from: '2025-03-01',
      to: '2025-03-31',
      include: everything,
      extraNames: [],
      shiftDates: true,
    });
    expect(packet.dateShiftApplied).toBe(true);
    const real = seeded.sessions.map((s) => Date.parse(s.startsAt));
    const shifted = packet.sessions.map((s) => Date.parse(s.startsAt));
    const offset = shifted[0]! - real[0]!;
    expect(Number.isInteger(offset / DAY)).toBe(true);
    expect(offset / DAY).toBeLessThanOrEqual(-30);
    expect(offset / DAY).toBeGreaterThanOrEqual(-180);
    expect(shifted.map((t, i) => t - real[i]!)).toEqual([offset, offset, offset]);
    const days = offset / DAY;
    const shiftDate = (d: string) =>
      new Date(Date.parse(`${d}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
    expect(packet.range).toEqual({ from: shiftDate('2025-03-01'), to: shiftDate('2025-03-31') });
    expect(Date.parse(packet.notes[0]!.signedAt!) - Date.parse(seeded.notes[0]!.signed!.at)).toBe(offset);
    expect(Date.parse(packet.notes[0]!.addenda![0]!.at) - Date.parse(seeded.notes[0]!.addenda[0]!.at)).toBe(
      offset,
    );
    expect(Date.parse(packet.summaries[2]!.updatedAt) - Date.parse(seeded.notes[2]!.updatedAt)).toBe(offset);

    const unshifted = await review.preview({
      clientId: seeded.client.id,
      include: everything,
      extraNames: [],
      shiftDates: false,
    });
    expect(unshifted.dateShiftApplied).toBe(false);
    // The packet's own date is no shifted "now" (the day it reached the reviewer would give the
    // offset away): it is the last session's shifted start.
    expect(packet.createdAt).toBe(packet.sessions.at(-1)!.startsAt);
    expect(unshifted.sessions.map((s) => Date.parse(s.startsAt))).toEqual(real);
  });

  it('keeps the same alias and offset for the same client in later packets', async () => {
    const { services, review } = await openReviewHarness();
    const seeded = await seedCase(services);
    const request = { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: true };
    const first = await review.exportPacket(request, PACKET_PASS);
    const again = await review.preview(request);
    const { packet } = await openPacketFile(first.path, PACKET_PASS);
    expect(again.alias).toBe(packet.alias);
    expect(again.sessions.map((s) => s.startsAt)).toEqual(packet.sessions.map((s) => s.startsAt));
    expect(again.packetId).not.toBe(packet.packetId);

    const other = await services.clients.create({
      code: 'C-015',
      startDate: '2025-01-01',
      concerns: [],
      goals: [],
    });
    await services.sessions.create({
      clientId: other.id,
      startsAt: '2025-04-01T10:00:00Z',
      durationMinutes: 50,
      modality: 'phone',
      attendance: 'no-show',
    });
    const otherPacket = await review.preview({ ...request, clientId: other.id });
    expect(otherPacket.alias).toBe('Client B');
    expect(otherPacket.notes).toEqual([]);
  });

  it('preview is exactly what the export writes', async () => {
    const { services, review } = await openReviewHarness();
    const seeded = await seedCase(services);
    const request = {
      clientId: seeded.client.id,
      include: everything,
      extraNames: OTHER_NAMES,
      shiftDates: true,
    };
    const preview = await review.preview(request);
    const exported = await review.exportPacket(request, PACKET_PASS);
    const { packet } = await openPacketFile(exported.path, PACKET_PASS);
    expect(packet).toEqual(preview);

    // Once a record changes, the next preview is built afresh from it.
    const previewAgain = await review.preview(request);
    await services.sessions.update(seeded.sessions[2]!.id, { durationMinutes: 30 });
    const afterEdit = await review.preview(request);
    expect(afterEdit.sessions[2]!.durationMinutes).toBe(30);
    expect(afterEdit.packetId).not.toBe(previewAgain.packetId);
  });

  it('with only ruptures ticked, carries excerpts of the notes that have ruptures', async () => {
    const { services, review } = await openReviewHarness();
    const seeded = await seedCase(services);
    const packet = await review.preview({
      clientId: seeded.client.id,
      include: { metrics: false, charts: false, notes: false, ruptures: true, processNotes: false },
      extraNames: OTHER_NAMES,
      shiftDates: false,
    });
    expect(packet.summaries).toEqual([]);
    expect(packet.notes).toHaveLength(2);
    for (const note of packet.notes) {
      expect(note.excerpt).toBe(true);
      expect(note.sections).toEqual({});
      expect(note.plan).toBe('');
      expect(note.coRegulation).toBe('');
      expect(note.participation.feedbackToTherapist.quote).toBe('');
      expect(note.attunement.affective).toEqual({ rating: 4, unrated: null, observation: '', response: '' });
      expect(note.addenda).toBeUndefined();
    }
    expect(packet.notes.flatMap((n) => n.ruptures)).toHaveLength(3);
    expect(packet.notes[1]!.ruptures[0]!.clientResponse).toBe('Client A said: “[name] would laugh at this.”');
  });

  it('with ruptures not ticked, carries no rupture and no session judgment anywhere', async () => {
    const { services, review } = await openReviewHarness();
    const seeded = await seedCase(services);
    const packet = await review.preview({
      clientId: seeded.client.id,
      include: { metrics: true, charts: true, notes: true, ruptures: false, processNotes: false },
      extraNames: OTHER_NAMES,
      shiftDates: false,
    });
    expect(packet.notes.flatMap((n) => n.ruptures)).toEqual([]);
    expect(packet.summaries.flatMap((s) => s.ruptures)).toEqual([]);
    expect(packet.notes.map((n) => n.excerpt)).toEqual([true, true, false]);
    for (const n of packet.notes)
      expect(n.sessionJudgments).toEqual({ therapistContribution: null, overallResolution: null });
    expect(JSON.stringify(packet)).not.toContain('went quiet');
  });

  it('takes chosen sessions within the range, and refuses sessions of another client', async () => {
    const { services, review } = await openReviewHarness();
    const seeded = await seedCase(services);
    const [s1, s2, s3] = seeded.sessions;
    const packet = await review.preview({
      clientId: seeded.client.id,
      to: '2025-03-20',
      sessionIds: [s1!.id, s3!.id],
      include: everything,
      extraNames: [],
      shiftDates: false,
    });
    expect(packet.sessions.map((s) => s.startsAt)).toEqual([new Date(s1!.startsAt).toISOString()]);
    expect(packet.range).toEqual({ from: null, to: '2025-03-20' });

    const other = await services.clients.create({
      code: 'C-099',
      startDate: '2025-01-01',
      concerns: [],
      goals: [],
    });
    const base = { clientId: other.id, include: everything, extraNames: [], shiftDates: false };
    await expectKind(review.preview({ ...base, sessionIds: [s2!.id] }), 'invalid-input');
    await expectKind(review.preview(base), 'invalid-input'); // no sessions at all
    await expectKind(
      review.preview({ ...base, clientId: seeded.client.id, from: '2026-01-01' }),
      'invalid-input',
    );
    await expectKind(review.preview({ ...base, clientId: 'no-such-client' }), 'not-found');
    const message = await expectKind(
      review.preview({ ...base, clientId: seeded.client.id, alias: 'Robin' }),
      'invalid-input',
    );
    expect(message).toMatch(/alias/);
  });

  it('gives review mode the same metrics as the clinician’s own charts', async () => {
    const { services, review } = await openReviewHarness();
    const seeded = await seedCase(services);
    const packet = await review.preview({
      clientId: seeded.client.id,
      include: everything,
      extraNames: [],
      shiftDates: true,
    });
    const ours = clientMetrics(seeded.client.id, seeded.sessions, seeded.notes.map(summarizeNote));
    const theirs = packetMetrics(packet);
    for (const key of [
      'sessionCount',
      'notedSessionCount',
      'ruptureCount',
      'repairRate',
      'medianMinutesToRepair',
    ] as const) {
      expect(theirs[key], key).toEqual(ours[key]);
    }
    expect(theirs.dimensionTrends.affective.mean).toEqual(ours.dimensionTrends.affective.mean);
    expect(theirs.rupturesByType).toEqual(ours.rupturesByType);
    expect(theirs.feedback.map((f) => f.total)).toEqual(ours.feedback.map((f) => f.total));
    expect(CLIENT_NAME).toBe(seeded.client.displayName);
  });

  it('picks one client’s notes out of a caseload, first in one pass, then from what it remembers', async () => {
    // After the demo's last session (2025-06-27): every session has taken place.
    const { session, review } = await openReviewHarness('2025-07-01T10:00:00.000Z');
    const data = generateDemo({ clients: 3, sessionsPerClient: 30, seed: 7 });
    await writeDemo(session.vault, data);
    const client = data.clients[1]!;
    const ownSessions = new Set(data.sessions.filter((s) => s.clientId === client.id).map((s) => s.id));
    const ownNotes = data.notes.filter((n) => ownSessions.has(n.sessionId));
    const ownProcess = data.processNotes.filter((p) => ownSessions.has(p.sessionId) && p.text.trim() !== '');
    const request = {
      clientId: client.id,
      include: { ...everything, processNotes: true },
      extraNames: [],
      shiftDates: false,
    };
    for (let pass = 0; pass < 2; pass++) {
      const packet = await review.preview({ ...request, extraNames: pass === 0 ? [] : ['Nobody'] });
      expect(packet.sessions).toHaveLength(30);
      expect(packet.notes).toHaveLength(ownNotes.length);
      expect(packet.notes.flatMap((n) => n.ruptures)).toHaveLength(
        ownNotes.flatMap((n) => n.ruptures).length,
      );
      expect(packet.processNotes).toHaveLength(ownProcess.length);
      expect(JSON.stringify(packet)).not.toContain(client.id);
    }
  });

  it('leaves out the sessions still to come, and refuses a choice of them alone (the metrics then count as the charts do)', async () => {
    // The clock stands at 2025-06-02; the demo's sessions run weekly to 2025-06-27.
    const { session, review } = await openReviewHarness();
    const data = generateDemo({ clients: 1, sessionsPerClient: 12, seed: 3 });
    // One more booked for July, without a note yet.
    const last = data.sessions.at(-1)!;
    data.sessions.push({ ...last, id: 'booked-for-july', startsAt: '2025-07-14T10:00:00.000Z' });
    await writeDemo(session.vault, data);
    const client = data.clients[0]!;
    const now = '2025-06-02T10:00:00.000Z';
    const noteOf = new Map(data.notes.map((n) => [n.sessionId, n]));
    // Not started, and no signed note to say it took place (a draft written ahead, or none).
    const toCome = data.sessions.filter(
      (s) => sessionStanding(s, noteOf.get(s.id), Date.parse(now)) === 'to-come',
    );
    expect(toCome.length).toBeGreaterThan(0);
    const request = { clientId: client.id, include: everything, extraNames: [], shiftDates: true };
    const packet = await review.preview(request);
    expect(packet.sessions).toHaveLength(13 - toCome.length);
    const summaries = data.notes.map(summarizeNote);
    expect(packetMetrics(packet).sessionCount).toBe(
      clientMetrics(client.id, data.sessions, summaries, { now }).sessionCount,
    );
    await expect(review.preview({ ...request, sessionIds: toCome.map((s) => s.id) })).rejects.toThrow(
      /Every chosen session is still to come/,
    );
  });
});
