/**
 * The outcome measures in a review packet (content version 3): each administration at one of the
 * packet's sessions, known by its session's ref, with its answers and the scores Attune reads from
 * them, written out so a reader without Attune's scoring can read them too.
 */
import { z } from 'zod';
import { compareText } from '../compareText';
import { isoDateTimeSchema } from '../domain/fields';
import { instrumentIds } from '../measures/instrument';
import { checkMeasureAnswers, type Measure, measureSchema } from '../measures/measureSchema';
import { measureSeries } from '../measures/measureSeries';
import type { ChangeKind } from '../measures/reliableChange';
import { CASE_REF, packetRefSchema } from './packetRef';

const changeKinds = [
  'reliable-improvement',
  'reliable-deterioration',
  'no-reliable-change',
] as const satisfies readonly ChangeKind[];

/** The scores of one administration, as `packetMeasureScores` computes them from the answers. */
const scoreFields = {
  /** The total of the scored items; null for a partly answered form. */
  total: z.number().min(0).max(1000).nullable(),
  /** The severity band's label ("Moderate"); null without a total. */
  band: z.string().min(1).max(80).nullable(),
  /** Whether the total is in the clinical range (the cut-off); null without a total. */
  clinical: z.boolean().nullable(),
  /** Whether the risk item (PHQ-9 item 9) is answered above 0. */
  riskItem: z.boolean(),
  /**
   * The change of the total from the first complete administration of the same instrument in
   * the packet, against the instrument's published reliable-change threshold; null for that
   * first one and for a form without a total.
   */
  sinceFirst: z.enum(changeKinds).nullable(),
};

export const packetMeasureSchema = z
  .strictObject({
    sessionRef: packetRefSchema,
    instrument: z.enum(instrumentIds),
    /** Shifted with the other dates. */
    administeredAt: isoDateTimeSchema,
    enteredBy: measureSchema.shape.enteredBy,
    status: measureSchema.shape.status,
    answers: measureSchema.shape.answers,
    ...scoreFields,
  })
  .superRefine(checkMeasureAnswers);
export type PacketMeasure = z.output<typeof packetMeasureSchema>;

/** What a packet measure is made from: everything but the scores. */
export type PacketMeasureInput = Omit<PacketMeasure, keyof typeof scoreFields>;

/** Packet measures as measure records keyed by packet refs, for the shared scoring and charts. */
export function packetMeasureRecords(measures: readonly PacketMeasureInput[]): Measure[] {
  return measures.map((m) => ({
    id: `${m.sessionRef}-${m.instrument}`,
    clientId: CASE_REF,
    sessionId: m.sessionRef,
    instrument: m.instrument,
    answers: m.answers,
    status: m.status,
    administeredAt: m.administeredAt,
    enteredBy: m.enteredBy,
    updatedAt: m.administeredAt,
  }));
}

/** The packet's measures with their scores, earliest first: what a packet carries. */
export function packetMeasureScores(measures: readonly PacketMeasureInput[]): PacketMeasure[] {
  const records = packetMeasureRecords(measures);
  const out: PacketMeasure[] = [];
  for (const instrument of instrumentIds) {
    for (const { measure, score, sinceFirst } of measureSeries(records, instrument)) {
      out.push({
        sessionRef: measure.sessionId,
        instrument,
        administeredAt: measure.administeredAt,
        enteredBy: measure.enteredBy,
        status: measure.status,
        answers: measure.answers,
        total: score.total,
        band: score.band?.label ?? null,
        clinical: score.clinical,
        riskItem: score.riskFlag,
        sinceFirst,
      });
    }
  }
  return out.sort(
    (a, b) =>
      compareText(a.administeredAt, b.administeredAt) ||
      instrumentIds.indexOf(a.instrument) - instrumentIds.indexOf(b.instrument),
  );
}
