import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kinds } from '../../../main/services/RecordStore';
import { DIAGNOSIS_PLACEHOLDER } from '../../../main/services/review/packetPlan';
import { sealEnvelope } from '../../../main/services/review/reviewEnvelope';
import { openPacketFile } from '../../../main/services/review/reviewFiles';
import { reviewKinds } from '../../../main/services/review/reviewKinds';
import type { Diagnosis } from '../../../shared/domain/diagnosisSchema';
import type { Note } from '../../../shared/domain/noteSchema';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import { PACKET_VERSION, packetSchema, type ReviewPacket } from '../../../shared/review/packetSchema';
import { tempDir } from '../helpers/tempDir';
import {
  everything,
  FORBIDDEN,
  OTHER_NAMES,
  openReviewerHarness,
  openReviewHarness,
  PACKET_PASS,
  seedCase,
  TEST_KDF,
} from './reviewKit';

/** The client's codes, typed into goal and note text too: none may travel without the tick. */
const CODES = ['F43.1', 'Z63.0'];
/** Each code, dotted or not, as a whole token (so a random hex ref holding "f431" is no hit). */
const CODE_MARKERS = [/(?<![0-9a-z])f43\.?1(?![0-9a-z])/, /(?<![0-9a-z])z63\.?0(?![0-9a-z])/];

const plan = (clientId: string, version: number, over: Partial<TreatmentPlan> = {}): TreatmentPlan => ({
  id: `plan-${version}`,
  clientId,
  version,
  revises: version === 1 ? null : `plan-${version - 1}`,
  status: 'draft',
  problems: [{ id: 'p-1', text: 'Grief after Mara left (F43.1).' }],
  goals: [
    {
      id: 'g-sleep',
      text: 'Robin sleeps through most nights',
      problemIds: ['p-1'],
      objectives: [
        {
          id: 'o-log',
          text: 'Keeps a sleep log for Dr. Lindqvist',
          measure: 'Log, 5 of 7 nights',
          targetDate: '2025-08-01',
        },
      ],
      targetDate: '2025-09-01',
      status: 'active',
    },
    {
      id: 'g-talk',
      text: 'Talks with Mara about the move without shutting down (F43.1)',
      problemIds: [],
      objectives: [],
      targetDate: null,
      status: 'active',
    },
  ],
  interventions: [{ id: 'i-1', text: 'Grief work, weekly', goalIds: [] }],
  reviewDate: '2025-09-15',
  notes: 'Secret plan notes about Okafor family.',
  createdAt: '2025-05-01T10:00:00.000Z',
  updatedAt: '2025-05-01T10:00:00.000Z',
  ...over,
});

const diagnosis = (clientId: string, code: string, rank: Diagnosis['rank']): Diagnosis => ({
  id: `dx-${code.replace('.', '-')}`,
  clientId,
  code,
  description:
    code === 'F43.1' ? 'Post-traumatic stress disorder' : 'Problems in relationship with spouse or partner',
  rank,
  status: 'active',
  diagnosedOn: '2025-05-01',
  endedOn: null,
  comment: 'Robin agreed to the diagnosis.',
  createdAt: '2025-05-01T10:00:00.000Z',
  updatedAt: '2025-05-01T10:00:00.000Z',
});

/**
 * The seeded case plus three plan versions (1 and 2 signed, 3 a draft revision), two diagnoses,
 * and a draft note addressing two goals (one only version 1 holds) with a risk section.
 */
async function threadCase() {
  const harness = await openReviewHarness();
  const seeded = await seedCase(harness.services);
  const vault = harness.session.vault;
  const clientId = seeded.client.id;
  const signature = { at: '2025-05-01T11:00:00.000Z', by: 'Dr. Ada Byrne', contentHash: 'a'.repeat(64) };
  const first = plan(clientId, 1, {
    status: 'signed',
    signed: signature,
    // Version 1 also had a goal version 2 dropped; a note addressed it.
    goals: [
      ...plan(clientId, 1).goals,
      {
        id: 'g-old',
        text: 'Robin returns to choir',
        problemIds: [],
        objectives: [],
        targetDate: null,
        status: 'active',
      },
    ],
  });
  const second = plan(clientId, 2, { status: 'signed', signed: signature });
  const draft = plan(clientId, 3, { goals: [] });
  for (const p of [first, second, draft]) await vault.put(kinds.treatmentPlan, p.id, p);
  for (const [code, rank] of [
    [CODES[0]!, 'primary'],
    [CODES[1]!, 'secondary'],
  ] as const) {
    const d = diagnosis(clientId, code, rank);
    await vault.put(kinds.diagnosis, d.id, d);
  }
  const target = seeded.notes.find((n) => n.status === 'draft')!;
  const note: Note = {
    ...(await vault.get<Note>(kinds.note, target.id)),
    goalProgress: [
      {
        goalId: 'g-sleep',
        progress: 2,
        comment: 'Robin slept 5 nights; Mara noticed. Coded F43.1 still fits.',
      },
      { goalId: 'g-old', progress: 0, comment: '' },
    ],
    risk: {
      ideation: 'passive',
      intent: 'no',
      plan: 'no',
      means: 'unclear',
      otherRisks: 'Robin drinks more since Mara left.',
      protectiveFactors: 'Her sister; Dr. Lindqvist’s group.',
      level: 'moderate',
      actionsTaken: 'Safety plan reviewed with Robin (Z63.0 context).',
    },
  };
  await vault.put(kinds.note, note.id, note);
  return { ...harness, seeded, note };
}

/** A packet exported and opened again, and its decrypted JSON, lower-cased, for marker scans. */
async function exported(h: Awaited<ReturnType<typeof threadCase>>, diagnoses: boolean) {
  const request = {
    clientId: h.seeded.client.id,
    include: { ...everything, diagnoses },
    extraNames: OTHER_NAMES,
    shiftDates: true,
  };
  const done = await h.review.exportPacket(request, PACKET_PASS);
  const { packet } = await openPacketFile(done.path, PACKET_PASS);
  return { packet, text: JSON.stringify(packet).toLowerCase() };
}

describe('the clinical record’s thread in a review packet (version 2)', () => {
  it('carries the plan’s goals and the notes’ progress and risk, de-identified, and no code without the tick', async () => {
    const h = await threadCase();
    const { packet, text } = await exported(h, false);
    expect(packet.version).toBe(PACKET_VERSION);
    expect(packet.include.diagnoses).toBe(false);
    expect(packet.diagnoses).toBeUndefined();
    const audit = (await h.session.vault.readAudit()).filter((e) => e.type === 'export');
    expect(audit.at(-1)?.detail).toMatchObject({ what: 'review-packet', diagnoses: false });
    for (const marker of CODE_MARKERS) expect(text, `code ${marker} leaked`).not.toMatch(marker);
    for (const name of FORBIDDEN) expect(text, `“${name}” leaked`).not.toContain(name);
    expect(text).not.toContain('g-sleep');
    // Problems, interventions and the plan's notes never travel.
    expect(text).not.toContain('grief work');
    expect(text).not.toContain('secret plan notes');

    // The signed version 2 is the plan in force (the draft revision is not yet), and the goal a
    // note addressed that only version 1 holds travels too, marked as not in the plan.
    const thread = packet.treatmentPlan!;
    expect(thread).toMatchObject({ version: 2, status: 'signed' });
    expect(thread.reviewDate).not.toBe('2025-09-15');
    expect(thread.goals.map((g) => [g.text, g.inPlan])).toEqual([
      ['Client A sleeps through most nights', true],
      [`Talks with [name] about the move without shutting down (${DIAGNOSIS_PLACEHOLDER})`, true],
      ['Client A returns to choir', false],
    ]);
    expect(thread.goals[0]!.objectives[0]).toMatchObject({ text: 'Keeps a sleep log for [name]' });

    const note = packet.notes.find((n) => n.goalProgress.length > 0)!;
    const goalText = (ref: string) => thread.goals.find((g) => g.goalRef === ref)?.text;
    expect(note.goalProgress.map((g) => [goalText(g.goalRef), g.progress])).toEqual([
      ['Client A sleeps through most nights', 2],
      ['Client A returns to choir', 0],
    ]);
    expect(note.goalProgress[0]!.comment).toBe(
      `Client A slept 5 nights; [name] noticed. Coded ${DIAGNOSIS_PLACEHOLDER} still fits.`,
    );
    expect(note.risk).toMatchObject({
      ideation: 'passive',
      level: 'moderate',
      otherRisks: 'Client A drinks more since [name] left.',
      actionsTaken: `Safety plan reviewed with Client A (${DIAGNOSIS_PLACEHOLDER} context).`,
    });
  });

  it('carries the diagnoses, with shifted dates, and the codes in the text, only when ticked', async () => {
    const h = await threadCase();
    const { packet, text } = await exported(h, true);
    expect(packet.include.diagnoses).toBe(true);
    const audit = (await h.session.vault.readAudit()).filter((e) => e.type === 'export');
    expect(audit.at(-1)?.detail).toMatchObject({ what: 'review-packet', diagnoses: true });
    expect(packet.diagnoses!.map((d) => [d.code, d.rank])).toEqual([
      ['F43.1', 'primary'],
      ['Z63.0', 'secondary'],
    ]);
    expect(packet.diagnoses![0]!.diagnosedOn).not.toBe('2025-05-01');
    for (const marker of CODE_MARKERS) expect(text).toMatch(marker);
    expect(text).not.toContain(DIAGNOSIS_PLACEHOLDER);
    // The comment (free text about the client) is never carried.
    expect(text).not.toContain('agreed to the diagnosis');
  });

  it('without notes ticked carries no goals, progress or risk', async () => {
    const h = await threadCase();
    const packet = await h.review.preview({
      clientId: h.seeded.client.id,
      include: { ...everything, notes: false },
      extraNames: OTHER_NAMES,
      shiftDates: true,
    });
    expect(packet.treatmentPlan).toBeNull();
    expect(packet.notes.every((n) => n.goalProgress.length === 0 && n.risk === null)).toBe(true);
  });

  it('reads a version 1 packet (before issue 15) as one without goals, risk or diagnoses', async () => {
    const h = await threadCase();
    const { packet } = await exported(h, false);
    const { treatmentPlan: _t, diagnoses: _d, measures: _m, ...rest } = packet;
    const v1 = {
      ...rest,
      version: 1,
      include: { ...packet.include, diagnoses: undefined },
      notes: packet.notes.map(({ goalProgress: _g, risk: _r, ...n }) => ({
        ...n,
        ...(n.addenda ? { addenda: n.addenda.map(({ type: _y, reason: _w, ...a }) => a) } : {}),
      })),
    };
    const read = packetSchema.parse(JSON.parse(JSON.stringify(v1))) as ReviewPacket;
    expect(read.version).toBe(1);
    expect(read.include.diagnoses).toBe(false);
    expect(read.treatmentPlan).toBeNull();
    expect(read.notes.every((n) => n.goalProgress.length === 0 && n.risk === null)).toBe(true);
  });

  it('reopens a version 1 packet stored by an older Attune as the same packet, and shows it with defaults', async () => {
    const h = await threadCase();
    const { packet } = await exported(h, false);
    const { treatmentPlan: _t, diagnoses: _d, measures: _m, ...rest } = packet;
    const v1 = {
      ...rest,
      version: 1,
      include: { metrics: true, charts: true, notes: true, ruptures: true, processNotes: false },
      notes: packet.notes.map(({ goalProgress: _g, risk: _r, ...n }) => ({
        ...n,
        ...(n.addenda ? { addenda: n.addenda.map(({ type: _y, reason: _w, ...a }) => a) } : {}),
      })),
    };
    const reviewer = await openReviewerHarness();
    const path = join(await tempDir('attune-old-packet-'), 'old.attune-review');
    const sealed = await sealEnvelope(
      'attune-review',
      Buffer.from(JSON.stringify(v1)),
      PACKET_PASS,
      TEST_KDF,
    );
    await writeFile(path, sealed.bytes);
    await reviewer.review.openPacket(path, PACKET_PASS);
    // As an older Attune stored it: without the parts version 2 added.
    const vault = reviewer.session.vault;
    const stored = await vault.get<{ packet: unknown }>(reviewKinds.packet, packet.packetId);
    await vault.put(reviewKinds.packet, packet.packetId, { ...stored, packet: v1 });

    await expect(reviewer.review.openPacket(path, PACKET_PASS)).resolves.toMatchObject({ version: 1 });
    const shown = await reviewer.review.getPacket(packet.packetId);
    expect(shown.packet.include.diagnoses).toBe(false);
    expect(shown.packet.notes.every((n) => n.goalProgress.length === 0 && n.risk === null)).toBe(true);
  });

  it('refuses a packet whose progress points at a goal it does not carry', async () => {
    const h = await threadCase();
    const { packet } = await exported(h, false);
    const broken = { ...packet, treatmentPlan: { ...packet.treatmentPlan!, goals: [] } };
    const result = packetSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'A note’s progress refers to a goal that is not in the packet.',
    );
  });
});
