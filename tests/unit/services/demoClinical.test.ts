import { describe, expect, it } from 'vitest';
import { DEMO_CLINICIAN, generateDemo } from '../../../main/services/demo/generateDemo';
import { demoPlans } from '../../../main/services/demo/demoPlans';
import { contentHashOf } from '../../../main/services/NoteService';
import { activeGoals } from '../../../shared/domain/currentPlan';
import { noteSchema } from '../../../shared/domain/noteSchema';
import { elevatedRiskLevels, safetyPlanSchema } from '../../../shared/domain/riskSchema';

describe('the demo’s goals, risk and addenda (issue 15)', () => {
  const data = generateDemo({ clients: 12, sessionsPerClient: 20, seed: 1 });
  const startOf = new Map(data.sessions.map((s) => [s.id, s.startsAt]));
  const treatmentPlans = demoPlans(data.clients, data.sessions, DEMO_CLINICIAN);

  it('records progress on the goals of the plan in force at the session, never before a plan was signed', () => {
    const withGoals = data.notes.filter((n) => n.goalProgress.length > 0);
    expect(withGoals.length).toBeGreaterThan(data.notes.length / 5);
    for (const note of withGoals) {
      const startsAt = startOf.get(note.sessionId)!;
      const inForce = treatmentPlans.filter(
        (p) => p.clientId === note.clientId && p.signed && p.signed.at <= startsAt,
      );
      const goals = new Set(activeGoals(inForce).map((g) => g.id));
      for (const g of note.goalProgress) expect(goals.has(g.goalId), `${note.id} ${g.goalId}`).toBe(true);
    }
    // Progress moves: most of it "some" or better, with the odd step back.
    const levels = withGoals.flatMap((n) => n.goalProgress.map((g) => g.progress));
    expect(levels.filter((l) => l !== null && l >= 1).length).toBeGreaterThan(levels.length / 2);
    expect(levels).toContain(-1);
  });

  it('has risk sections, mostly low, and a couple of clients at elevated risk, each with a safety plan', () => {
    const risky = data.notes.filter((n) => n.risk);
    expect(risky.length).toBeGreaterThan(5);
    const elevated = risky.filter((n) => elevatedRiskLevels.has(n.risk!.level!));
    expect(elevated.length).toBeLessThan(risky.length / 2);
    const elevatedClients = new Set(elevated.map((n) => n.clientId));
    expect(elevatedClients.size).toBeGreaterThanOrEqual(2);
    expect(new Set(data.safetyPlans.map((p) => p.clientId))).toEqual(elevatedClients);
    for (const plan of data.safetyPlans) expect(safetyPlanSchema.parse(plan)).toEqual(plan);
  });

  it('keeps every note valid and every signature over what the note holds; addenda are typed', () => {
    for (const note of data.notes) {
      expect(noteSchema.safeParse(note).success).toBe(true);
      if (note.signed) expect(note.signed.contentHash).toBe(contentHashOf(note));
      for (const a of note.addenda) expect(a.type && a.reason).toBeTruthy();
    }
    expect(data.notes.some((n) => n.addenda.length > 0)).toBe(true);
  });

  it('is the same for the same seed, and the goals and risk did not change the rest of it', () => {
    const again = generateDemo({ clients: 12, sessionsPerClient: 20, seed: 1 });
    expect(again).toEqual(data);
    const other = generateDemo({ clients: 12, sessionsPerClient: 20, seed: 2 });
    expect(other.notes.map((n) => n.risk)).not.toEqual(data.notes.map((n) => n.risk));
  });
});
