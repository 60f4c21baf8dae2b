/**
 * The outcome measures of a packet's sessions: ids become the sessions' refs, dates shift with
 * the others, and the scores are written out (shared/review/packetMeasureSchema.ts). Measures hold
 * no free text, so there is nothing else to de-identify.
 */
import { type PacketMeasure, packetMeasureScores } from '../../../shared/review/packetMeasureSchema';
import { measuresOfSessions } from './clinicalRecords';
import type { ReviewVault } from './reviewKinds';

/** The measures given at the sessions of `sessionRefs` (session id → its ref), scored, earliest first. */
export async function packetMeasures(
  vault: ReviewVault,
  sessionRefs: ReadonlyMap<string, string>,
  shift: (iso: string) => string,
): Promise<PacketMeasure[]> {
  const measures = await measuresOfSessions(vault, new Set(sessionRefs.keys()));
  return packetMeasureScores(
    measures.map((m) => ({
      sessionRef: sessionRefs.get(m.sessionId)!,
      instrument: m.instrument,
      administeredAt: shift(m.administeredAt),
      enteredBy: m.enteredBy,
      status: m.status,
      answers: m.answers,
    })),
  );
}
