import type { Session } from '../../../shared/domain/sessionSchema';
import type { Measure } from '../../../shared/measures/measureSchema';

/**
 * Outcome measures for demo sessions: an outcome rating at every attended session and a PHQ-9
 * every fourth, improving over each client's course with some wobble (deterministic: a function
 * of the session's place in the course). Used where demo data needs measures (the benchmarks).
 */
export function demoMeasures(sessions: readonly Session[]): Measure[] {
  const byClient = new Map<string, Session[]>();
  for (const s of sessions) byClient.set(s.clientId, [...(byClient.get(s.clientId) ?? []), s]);
  const out: Measure[] = [];
  for (const list of byClient.values()) {
    const attended = list
      .filter((s) => s.attendance === 'attended')
      .sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
    attended.forEach((session, k) => {
      const progress = attended.length > 1 ? k / (attended.length - 1) : 0;
      const wobble = ((k * 7) % 5) - 2; // −2…2
      const line = (base: number) =>
        Math.min(10, Math.max(0, Math.round((base + progress * 4 + wobble * 0.3) * 10) / 10));
      const common = {
        clientId: session.clientId,
        sessionId: session.id,
        status: 'complete' as const,
        administeredAt: session.startsAt,
        enteredBy: 'client' as const,
        updatedAt: session.startsAt,
      };
      out.push({
        ...common,
        id: `${session.id.slice(0, 50)}-outcome`,
        instrument: 'outcome',
        answers: { individually: line(4), interpersonally: line(4.5), socially: line(5), overall: line(4.2) },
      });
      if (k % 4 === 0) {
        const level = Math.max(0, Math.min(3, Math.round(2.4 - progress * 2 + wobble * 0.2)));
        const answers: Record<string, number | null> = { difficulty: level > 1 ? 2 : 1 };
        for (let q = 1; q <= 9; q++)
          answers[`q${q}`] = q === 9 ? 0 : Math.max(0, level - (q % 3 === 0 ? 1 : 0));
        out.push({ ...common, id: `${session.id.slice(0, 50)}-phq9`, instrument: 'phq9', answers });
      }
    });
  }
  return out;
}
