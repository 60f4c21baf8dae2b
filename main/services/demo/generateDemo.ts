/**
 * Realistic synthetic caseloads for trying the app, for tests and for the benchmark. Everything is
 * derived from the seed, including dates (counted back from a fixed end date), so one seed always
 * gives the same data.
 */
import type { Client } from '../../../shared/domain/clientSchema';
import { type DimensionId, dimensionIds } from '../../../shared/domain/dimensions';
import type { Note } from '../../../shared/domain/noteSchema';
import type { ProcessNote } from '../../../shared/domain/processNoteSchema';
import type { Attendance, Modality, Session } from '../../../shared/domain/sessionSchema';
import { type Settings, settingsSchema } from '../../../shared/domain/settingsSchema';
import { AttuneError } from '../../../shared/errors';
import { type DemoProfile, demoNote } from './demoNote';
import { caseThemes } from './demoPhrases';
import { Random } from './random';

export interface DemoOptions {
  clients: number;
  sessionsPerClient: number;
  seed: number;
  /** The day the most recent sessions lead up to (yyyy-mm-dd); fixed so output is reproducible. */
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
}

export const DEMO_LIMITS = { clients: 10_000, sessionsPerClient: 1_000 } as const;
export const DEMO_CLINICIAN = 'Demo Clinician';
/** The default end date: fixed, so a seed alone decides the data. */
export const DEMO_END_DATE = '2025-06-27';
const DAY = 86_400_000;

/** A synthetic caseload: every session has a note (a short one when the client did not come). */
export function generateDemo(options: DemoOptions): DemoData {
  checkCount(options.clients, DEMO_LIMITS.clients, 'clients');
  checkCount(options.sessionsPerClient, DEMO_LIMITS.sessionsPerClient, 'sessions per client');
  const endDate = options.endDate ?? DEMO_END_DATE;
  const end = /^\d{4}-\d{2}-\d{2}$/.test(endDate) ? Date.parse(`${endDate}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(end))
    throw new AttuneError('invalid-input', 'The demo end date must be a date as yyyy-mm-dd.');
  const rng = new Random(options.seed);
  const data: DemoData = {
    clients: [],
    sessions: [],
    notes: [],
    processNotes: [],
    settings: settingsSchema.parse({ clinicianName: DEMO_CLINICIAN }),
  };

  for (let i = 0; i < options.clients; i++) {
    const profile = demoProfile(rng);
    // Most clients are current; about one in five finished some months before the end date.
    const closed = rng.chance(0.2);
    const lastWeek = end - (closed ? rng.int(8, 40) : rng.int(0, 1)) * 7 * DAY;
    const weeks = Math.ceil(options.sessionsPerClient * 1.1) + 1;
    const first = lastWeek - weeks * 7 * DAY + rng.int(0, 4) * DAY;
    const clientId = rng.id();
    const sessions = weeklySessions(rng, options.sessionsPerClient, first, clientId);
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
    sessions.forEach((session, k) => {
      const progress = sessions.length > 1 ? k / (sessions.length - 1) : 0;
      const { note, processNote } = demoNote(rng, {
        session,
        profile,
        progress,
        clinicianName: DEMO_CLINICIAN,
      });
      data.sessions.push(session);
      data.notes.push(note);
      if (processNote) data.processNotes.push(processNote);
    });
    options.onProgress?.(i + 1);
  }
  return data;
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

/** Weekly sessions at a regular weekday and hour, with holiday gaps and the odd cancellation. */
function weeklySessions(rng: Random, count: number, first: number, clientId: string): Session[] {
  const hour = rng.int(8, 18);
  const half = rng.chance(0.3) ? 30 : 0;
  const modality = rng.weighted<Modality>([
    ['in-person', 5],
    ['video', 3],
    ['phone', 1],
  ]);
  const sessions: Session[] = [];
  let day = first;
  for (let k = 0; k < count; k++) {
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
    day += (rng.chance(0.08) ? 14 : 7) * DAY;
  }
  return sessions;
}
