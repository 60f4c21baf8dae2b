import { describe, expect, it } from 'vitest';
import { emptyAnswers, type MeasureAnswers } from '../../../shared/measures';
import { PACKET_VERSION, packetSchema, type ReviewPacket } from '../../../shared/review/packetSchema';
import { everything, openReviewHarness, realIds, seedCase } from './reviewKit';

const DAY = 86_400_000;

/** PHQ-9 with every scored item at `value` and item 9 at `item9`; the difficulty question blank. */
function phq9(value: number, item9: number): MeasureAnswers {
  const answers = emptyAnswers('phq9');
  for (let n = 1; n <= 8; n++) answers[`q${n}`] = value;
  answers.q9 = item9;
  return answers;
}

/** The seeded case with a PHQ-9 at its first and last sessions and a partly answered outcome rating between. */
async function caseWithMeasures() {
  const h = await openReviewHarness();
  const seeded = await seedCase(h.services);
  const [first, second, third] = seeded.sessions;
  const measures = [
    await h.services.measures.save({ sessionId: first!.id, instrument: 'phq9', answers: phq9(2, 2) }),
    await h.services.measures.save({
      sessionId: second!.id,
      instrument: 'outcome',
      answers: { ...emptyAnswers('outcome'), individually: 4.5, socially: 7 },
      allowPartial: true,
      enteredBy: 'client',
    }),
    await h.services.measures.save({ sessionId: third!.id, instrument: 'phq9', answers: phq9(1, 0) }),
  ];
  return { ...h, seeded, measures };
}

describe('outcome measures in a review packet (version 3)', () => {
  it('carries each measure at its session’s ref, scored, with its cut-off and reliable change, shifted and without ids', async () => {
    const { review, seeded, measures } = await caseWithMeasures();
    const packet = await review.preview({
      clientId: seeded.client.id,
      include: everything,
      extraNames: [],
      shiftDates: true,
    });
    expect(packet.version).toBe(PACKET_VERSION);
    const refs = packet.sessions.map((s) => s.sessionRef);
    expect(packet.measures).toEqual([
      {
        sessionRef: refs[0],
        instrument: 'phq9',
        administeredAt: expect.any(String),
        enteredBy: 'therapist',
        status: 'complete',
        answers: phq9(2, 2),
        total: 18,
        band: 'Moderately severe',
        clinical: true,
        riskItem: true,
        sinceFirst: null,
      },
      {
        sessionRef: refs[1],
        instrument: 'outcome',
        administeredAt: expect.any(String),
        enteredBy: 'client',
        status: 'partial',
        answers: { individually: 4.5, interpersonally: null, socially: 7, overall: null },
        total: null,
        band: null,
        clinical: null,
        riskItem: false,
        sinceFirst: null,
      },
      {
        sessionRef: refs[2],
        instrument: 'phq9',
        administeredAt: expect.any(String),
        enteredBy: 'therapist',
        status: 'complete',
        answers: phq9(1, 0),
        total: 8,
        band: 'Mild',
        clinical: false,
        riskItem: false,
        // 18 → 8: ten points down, past PHQ-9's threshold of 6.
        sinceFirst: 'reliable-improvement',
      },
    ]);
    // Shifted with the sessions, by the same days.
    const offset = Date.parse(packet.sessions[0]!.startsAt) - Date.parse(seeded.sessions[0]!.startsAt);
    expect(Math.abs(offset % DAY)).toBe(0);
    expect(offset).not.toBe(0);
    packet.measures.forEach((m, i) => {
      expect(Date.parse(m.administeredAt) - Date.parse(measures[i]!.administeredAt)).toBe(offset);
    });
    const json = JSON.stringify(packet);
    for (const id of [...realIds(seeded), ...measures.map((m) => m.id)]) expect(json).not.toContain(id);
  });

  it('goes with the metrics or charts only, and only for the packet’s sessions', async () => {
    const { review, seeded } = await caseWithMeasures();
    const notesOnly = await review.preview({
      clientId: seeded.client.id,
      include: { ...everything, metrics: false, charts: false },
      extraNames: [],
      shiftDates: false,
    });
    expect(notesOnly.measures).toEqual([]);
    const lastOnly = await review.preview({
      clientId: seeded.client.id,
      sessionIds: [seeded.sessions[2]!.id],
      include: { ...everything, notes: false, ruptures: false, charts: false },
      extraNames: [],
      shiftDates: false,
    });
    // The packet's first PHQ-9 is its baseline: no change to report from one the packet lacks.
    expect(lastOnly.measures).toMatchObject([{ instrument: 'phq9', total: 8, sinceFirst: null }]);
  });

  it('refuses a packet whose written scores do not follow from the answers, or a measure of no packet session', async () => {
    const { review, seeded } = await caseWithMeasures();
    const packet = await review.preview({
      clientId: seeded.client.id,
      include: everything,
      extraNames: [],
      shiftDates: false,
    });
    const message = (broken: ReviewPacket) => packetSchema.safeParse(broken).error?.issues[0]?.message;
    const [phq] = packet.measures;
    expect(message({ ...packet, measures: [{ ...phq!, total: 3 }, ...packet.measures.slice(1)] })).toBe(
      'A measure’s scores do not follow from its answers, or the measures are out of order.',
    );
    expect(message({ ...packet, measures: [{ ...phq!, sessionRef: 's-000000000000' }] })).toBe(
      'A measure refers to a session that is not in the packet.',
    );
    expect(message({ ...packet, include: { ...packet.include, metrics: false, charts: false } })).toBe(
      'Outcome measures are in a packet only with its summary metrics or charts.',
    );
  });

  it('reads a version 2 packet (before measures) as one without measures', async () => {
    const { review, seeded } = await caseWithMeasures();
    const { measures: _m, ...packet } = await review.preview({
      clientId: seeded.client.id,
      include: everything,
      extraNames: [],
      shiftDates: false,
    });
    const read = packetSchema.parse(JSON.parse(JSON.stringify({ ...packet, version: 2 })));
    expect(read.version).toBe(2);
    expect(read.measures).toEqual([]);
  });
});
