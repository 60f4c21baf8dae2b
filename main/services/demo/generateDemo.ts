/**
 * Realistic synthetic caseloads for trying the app, for tests and for the benchmark. Everything is
 * derived from the seed and the end date (dates are counted back from it), so the two always give
 * the same data. `attune demo` passes today, so the app's recent ranges are not empty.
 */
import type { Client } from '../../../shared/domain/clientSchema';
import { type DimensionId, dimensionIds } from '../../../shared/domain/dimensions';
import type { Note } from '../../../shared/domain/noteSchema';
import type { ProcessNote } from '../../../shared/domain/processNoteSchema';
import { elevatedRiskLevels, type SafetyPlan } from '../../../shared/domain/riskSchema';
import type { Attendance, Modality, Session } from '../../../shared/domain/sessionSchema';
import { type Settings, settingsSchema } from '../../../shared/domain/settingsSchema';
import { AttuneError } from '../../../shared/errors';
import { type DemoProfile, demoNote } from './demoNote';
import { demoActiveGoalIds } from './demoPlans';
import { demoRiskCourse, demoSafetyPlan } from './demoRisk';
import { caseThemes } from './demoPhrases';
import { Random } from './random';

export interface DemoOptions {
  clients: number;
  sessionsPerClient: number;
  seed: number;
  /**
   * The day of the latest session (yyyy-mm-dd); nothing is dated after it (UTC). Defaults to
   * FIXED_DEMO_END_DATE, for tests and benchmarks that need the same data on every day they run.
   */
  endDate?: string;
  /** Called after each client, for progress reports on big caseloads. */
  onProgress?: (clientsDone: number) => void;
}

export interface DemoData {
  clients: Client[];
  sessions: Session[];
  notes: Note[];
  processNotes: ProcessNote[];
  settings: Settings;
  /** Written apart from the rest (writeDemo leaves them out), as `attune demo` does treatment plans (demoPlans). */
  safetyPlans: SafetyPlan[];
}

export const DEMO_LIMITS = { clients: 10_000, sessionsPerClient: 1_000 } as const;
export const DEMO_CLINICIAN = 'Demo Clinician';
/** The end date when none is given: fixed, so a seed alone decides the data (tests, benchmarks). */
export const FIXED_DEMO_END_DATE = '2025-06-27';
const DAY = 86_400_000;

/** A synthetic caseload: every session has a note (a short one when the client did not come). */
export function generateDemo(options: DemoOptions): DemoData {
  checkCount(options.clients, DEMO_LIMITS.clients, 'clients');
  checkCount(options.sessionsPerClient, DEMO_LIMITS.sessionsPerClient, 'sessions per client');
  const end = dayOf(options.endDate ?? FIXED_DEMO_END_DATE);
  const rng = new Random(options.seed);
  // Goals and risk (issue 15) draw from their own generator: the rest stays as it was for a seed.
  const clinicalRng = new Random(options.seed ^ 0x15);
  const data: DemoData = {
    clients: [],
    sessions: [],
    notes: [],
    processNotes: [],
    settings: settingsSchema.parse({ clinicianName: DEMO_CLINICIAN }),
    safetyPlans: [],
  };

  const plans = Array.from({ length: options.clients }, () => {
    const profile = demoProfile(rng);
    // Most clients are current, seen in the last week; about one in five finished 2 to 9 months earlier.
    const closed = rng.chance(0.2);
    const lastDay = end - ((closed ? rng.int(8, 40) * 7 : 0) + rng.int(0, 6)) * DAY;
    return { profile, closed, lastDay, clientId: rng.id() };
  });
  // Moved as a whole so the latest session falls on the end date itself, whatever the draw.
  const shift = end - plans.reduce((latest, p) => Math.max(latest, p.lastDay), Number.NEGATIVE_INFINITY);
  // Writing and signing notes takes hours: whatever would fall after the end date is left undone.
  const notAfter = end + DAY - 1;

  for (const [i, { profile, closed, lastDay, clientId }] of plans.entries()) {
    const sessions = weeklySessions(rng, options.sessionsPerClient, lastDay + shift, clientId);
    const startDate = new Date(Date.parse(sessions[0]!.startsAt)).toISOString().slice(0, 10);
    const lastAt = sessions[sessions.length - 1]!.startsAt;
    data.clients.push({
      id: clientId,
      code: `C-${String(i + 1).padStart(3, '0')}`,
      startDate,
      status: closed ? 'closed' : 'active',
      concerns: [profile.theme.concern, ...(rng.chance(0.4) ? [rng.pick(caseThemes).concern] : [])].filter(
        (c, n, all) => all.indexOf(c) === n,
      ),
      goals: [...profile.theme.goals],
      createdAt: `${startDate}T08:00:00.000Z`,
      updatedAt: lastAt,
    });
    const client = data.clients[data.clients.length - 1]!;
    const goalsAt = demoActiveGoalIds(client, sessions);
    const risk = demoRiskCourse(clinicalRng, i);
    sessions.forEach((session, k) => {
      const progress = sessions.length > 1 ? k / (sessions.length - 1) : 0;
      const { note, processNote } = demoNote(rng, {
        session,
        profile,
        progress,
        clinicianName: DEMO_CLINICIAN,
        notAfter,
        clinical: {
          rng: clinicalRng,
          goalIds: goalsAt(session.startsAt),
          risk,
          first: k === 0,
        },
      });
      data.sessions.push(session);
      data.notes.push(note);
      if (processNote) data.processNotes.push(processNote);
      if (
        note.risk &&
        elevatedRiskLevels.has(note.risk.level!) &&
        !data.safetyPlans.some((p) => p.clientId === clientId)
      ) {
        data.safetyPlans.push(demoSafetyPlan(`${clientId}-safety`, clientId, note.createdAt));
      }
    });
    options.onProgress?.(i + 1);
  }
  return data;
}

/** Midnight UTC of a yyyy-mm-dd date that exists on the calendar. */
function dayOf(date: string): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  // Date.parse rolls 2025-02-30 over to March 2; the round trip catches it.
  if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== date) {
    throw new AttuneError(
      'invalid-input',
      `The demo end date “${date.slice(0, 40)}” is not a date: write it as yyyy-mm-dd, e.g. 2025-06-27.`,
    );
  }
  return day;
}

function checkCount(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new AttuneError('invalid-input', `The number of ${what} must be a whole number from 1 to ${max}.`);
  }
}

function demoProfile(rng: Random): DemoProfile {
  const baseline = {} as Record<DimensionId, number>;
  const trend = {} as Record<DimensionId, number>;
  for (const d of dimensionIds) {
    baseline[d] = rng.normal(3.1, 0.5);
    // Most courses improve; a few drift down, which the charts should show too.
    trend[d] = rng.chance(0.8) ? rng.normal(0.9, 0.4) : rng.normal(-0.5, 0.3);
  }
  return {
    theme: rng.pick(caseThemes),
    templateId: rng.weighted([
      ['soap', 4],
      ['narrative', 3],
      ['dap', 2],
      ['birp', 2],
    ] as const),
    baseline,
    trend,
    ruptureProneness: Math.max(0.1, rng.normal(0.55, 0.25)),
    feedbackBaseline: rng.normal(35.2, 2.5),
    feedbackTrend: rng.normal(1.5, 1),
  };
}

/**
 * Weekly sessions at a regular weekday and hour, with holiday gaps and the odd cancellation; the
 * last one on `lastDay`.
 */
function weeklySessions(rng: Random, count: number, lastDay: number, clientId: string): Session[] {
  const hour = rng.int(8, 18);
  const half = rng.chance(0.3) ? 30 : 0;
  const modality = rng.weighted<Modality>([
    ['in-person', 5],
    ['video', 3],
    ['phone', 1],
  ]);
  // Counted back from the last session, so that one lands on lastDay.
  const days = [lastDay];
  while (days.length < count) days.unshift(days[0]! - (rng.chance(0.08) ? 14 : 7) * DAY);
  const sessions: Session[] = [];
  for (const [k, day] of days.entries()) {
    const at = new Date(day);
    at.setUTCHours(hour, half, 0, 0);
    const attendance =
      k === 0
        ? 'attended'
        : rng.weighted<Attendance>([
            ['attended', 90],
            ['cancelled', 4],
            ['late-cancel', 3],
            ['no-show', 3],
          ]);
    sessions.push({
      id: rng.id(),
      clientId,
      startsAt: at.toISOString(),
      durationMinutes:
        k === 0
          ? 90
          : rng.weighted([
              [50, 8],
              [60, 1],
              [45, 1],
            ] as const),
      modality: rng.chance(0.1) ? rng.pick(['in-person', 'video', 'phone'] as const) : modality,
      attendance,
    });
  }
  return sessions;
}
