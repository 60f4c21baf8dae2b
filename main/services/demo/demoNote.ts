/** One synthetic progress note (and sometimes a process note) for a demo session. */
import { type DimensionId, dimensionIds } from '../../../shared/domain/dimensions';
import { emptyNote } from '../../../shared/domain/emptyNote';
import type { SessionFeedback } from '../../../shared/domain/feedback';
import type { Note } from '../../../shared/domain/noteSchema';
import { emotionWords } from '../../../shared/domain/participation';
import type { ProcessNote } from '../../../shared/domain/processNoteSchema';
import { emptyRupture, type Rupture } from '../../../shared/domain/ruptureSchema';
import { markersForType, resolutionStrategies, type RuptureOutcomeId } from '../../../shared/domain/ruptures';
import type { Session } from '../../../shared/domain/sessionSchema';
import { builtInTemplate } from '../../../shared/domain/templates';
import { contentHashOf } from '../NoteService';
import * as att from './demoAttunementPhrases';
import { demoGoalProgress } from './demoGoalProgress';
import * as text from './demoPhrases';
import { demoRiskSection, type RiskCourse } from './demoRisk';
import type { Random } from './random';

/** What stays the same for a client across their sessions. */
export interface DemoProfile {
  theme: text.CaseTheme;
  templateId: 'narrative' | 'soap' | 'dap' | 'birp';
  /** Starting rating and change over the whole course, per dimension. */
  baseline: Record<DimensionId, number>;
  trend: Record<DimensionId, number>;
  ruptureProneness: number;
  feedbackBaseline: number;
  feedbackTrend: number;
}

export interface DemoNoteInput {
  session: Session;
  profile: DemoProfile;
  /** 0 at the first session, 1 at the last. */
  progress: number;
  clinicianName: string;
  /** The latest moment (epoch ms) anything may be dated: a later signature or addendum is left out. */
  notAfter: number;
  /**
   * The active goals of the plan in force (demoActiveGoalIds) and the risk course (issue 15), drawn from a generator of their own so that
   * adding them left every other part of the demo as it was for a seed.
   */
  clinical: { rng: Random; goalIds: readonly string[]; risk: RiskCourse; first: boolean };
}

const hardFeelings = emotionWords.filter((w) => ['sadness', 'fear', 'anger', 'shame'].includes(w.family));
const softFeelings = emotionWords.filter((w) => ['joy', 'tenderness', 'calm'].includes(w.family));
const freeFeelings = ['flat', 'on edge', 'numb', 'stuck', 'wobbly'];

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const addMinutes = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Fills the {slots} of phrases with this client's topics, people and feelings. */
function filler(rng: Random, theme: text.CaseTheme) {
  return (phrase: string): string =>
    phrase.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case 'topic':
          return rng.pick(theme.topics);
        case 'person':
          return rng.pick(theme.people);
        case 'feeling':
          return rng.pick(hardFeelings).id;
        case 'feeling2':
          return rng.pick(softFeelings).id;
        case 'body':
          return rng.pick(text.bodyPlaces);
        case 'goal':
          return lowerFirst(rng.pick(theme.goals));
        default:
          return slot;
      }
    });
}

/** `count` different phrases from `bank`, slots filled, as one paragraph. */
function paragraph(rng: Random, fill: (s: string) => string, bank: readonly string[], count: number): string {
  return rng.sample(bank, count).map(fill).join(' ');
}

/** A synthetic note for the session: draft or signed, with ratings following the profile's trends. */
export function demoNote(rng: Random, input: DemoNoteInput): { note: Note; processNote: ProcessNote | null } {
  const { session, profile, progress } = input;
  const fill = filler(rng, profile.theme);
  const attended = session.attendance === 'attended';
  const templateId = attended
    ? rng.chance(0.85)
      ? profile.templateId
      : rng.pick(['narrative', 'soap', 'dap', 'birp'] as const)
    : 'narrative';
  const createdAt = addMinutes(session.startsAt, session.durationMinutes + rng.int(5, 90));
  const note = emptyNote({
    id: rng.id(),
    sessionId: session.id,
    clientId: session.clientId,
    template: builtInTemplate(templateId)!,
    now: createdAt,
  });
  note.updatedAt = addMinutes(createdAt, rng.int(10, 60));

  if (!attended) {
    note.sections.narrative = paragraph(rng, fill, text.noShowSentences, rng.int(2, 4));
    note.plan = 'Offer the next regular slot; follow up by phone if there is no reply.';
  } else {
    fillSections(rng, fill, note);
    fillAttunement(rng, fill, note, profile, progress);
    note.ruptures = ruptures(rng, fill, note, profile, progress, session.durationMinutes);
    if (note.ruptures.length > 0) {
      const unresolved = note.ruptures.filter((r) => r.outcome === 'unresolved').length;
      note.sessionJudgments = {
        therapistContribution: clamp(Math.round(rng.normal(2.6, 0.9)), 1, 5),
        overallResolution: clamp(Math.round(rng.normal(3.8 - unresolved * 1.2, 0.7)), 1, 5),
      };
    }
    fillParticipation(rng, fill, note, progress);
    note.coRegulation = rng.chance(0.6) ? paragraph(rng, fill, att.coRegulationSentences, rng.int(1, 2)) : '';
    note.feedback = rng.chance(0.65) ? feedback(rng, profile, progress, note.ruptures) : null;
    note.plan = paragraph(rng, fill, text.planSentences, rng.int(1, 3));
    const { clinical } = input;
    note.goalProgress = demoGoalProgress(clinical.rng, clinical.goalIds, progress);
    note.risk = demoRiskSection(clinical.rng, clinical.risk, progress, clinical.first);
  }

  if (rng.chance(0.7)) sign(rng, note, input.clinicianName, input.notAfter);
  const processNote: ProcessNote | null =
    attended && rng.chance(0.12)
      ? {
          // As ProcessNoteService stores them: the process note takes its note's id.
          id: note.id,
          noteId: note.id,
          sessionId: session.id,
          clientId: session.clientId,
          text: paragraph(rng, fill, att.processNoteSentences, rng.int(2, 4)),
          updatedAt: note.updatedAt,
        }
      : null;
  return { note, processNote };
}

function fillSections(rng: Random, fill: (s: string) => string, note: Note): void {
  const report = () =>
    `${paragraph(rng, fill, text.presentingSentences, 1)} ${paragraph(rng, fill, text.reportSentences, rng.int(4, 6))}`;
  switch (note.templateId) {
    case 'narrative':
      note.sections.narrative = [
        report(),
        paragraph(rng, fill, text.observationSentences, 2),
        paragraph(rng, fill, text.interventionSentences, 2),
        paragraph(rng, fill, text.responseSentences, 2),
        paragraph(rng, fill, text.assessmentSentences, 2),
        paragraph(rng, fill, text.closingSentences, 1),
      ].join('\n\n');
      break;
    case 'soap':
      note.sections.subjective = report();
      note.sections.objective = paragraph(rng, fill, text.observationSentences, rng.int(3, 5));
      note.sections.assessment = paragraph(rng, fill, text.assessmentSentences, rng.int(3, 4));
      break;
    case 'dap':
      note.sections.data = `${report()}\n\n${paragraph(rng, fill, text.observationSentences, 2)} ${paragraph(rng, fill, text.interventionSentences, 2)}`;
      note.sections.assessment = paragraph(rng, fill, text.assessmentSentences, rng.int(3, 4));
      break;
    case 'birp':
      note.sections.behavior = `${report()} ${paragraph(rng, fill, text.observationSentences, 2)}`;
      note.sections.intervention = paragraph(rng, fill, text.interventionSentences, rng.int(2, 4));
      note.sections.response = paragraph(rng, fill, text.responseSentences, rng.int(2, 3));
      break;
  }
}

function fillAttunement(
  rng: Random,
  fill: (s: string) => string,
  note: Note,
  profile: DemoProfile,
  progress: number,
) {
  for (const d of dimensionIds) {
    // Earlier states do not come up every week, so developmental attunement is often left
    // unrated as "did not come up"; the rare gap elsewhere stays "could not judge".
    if (rng.chance(d === 'developmental' ? 0.25 : 0.04)) {
      if (d === 'developmental') note.attunement[d] = { ...note.attunement[d], unrated: 'did-not-come-up' };
      continue;
    }
    const rating = clamp(
      Math.round(rng.normal(profile.baseline[d] + profile.trend[d] * progress, 0.6)),
      1,
      5,
    );
    const bank = att.attunementPhrases[d];
    note.attunement[d] = {
      rating,
      unrated: null,
      observation: paragraph(rng, fill, rating <= 2 ? bank.low : bank.high, rng.int(1, 2)),
      response: paragraph(rng, fill, bank.response, rng.int(1, 2)),
    };
  }
}

function ruptures(
  rng: Random,
  fill: (s: string) => string,
  note: Note,
  profile: DemoProfile,
  progress: number,
  duration: number,
): Rupture[] {
  const rated = dimensionIds.filter((d) => note.attunement[d].rating !== null);
  const lapses = rated.filter((d) => (note.attunement[d].rating ?? 5) <= 3);
  const strain = profile.ruptureProneness + lapses.length * 0.15;
  const count = rng.weighted<number>([
    [0, 1.4],
    [1, strain],
    [2, strain * 0.45],
    [3, strain * 0.15],
  ]);
  const list: Rupture[] = [];
  for (let i = 0; i < count; i++) {
    const type = rng.chance(0.65) ? 'withdrawal' : 'confrontation';
    const rupture = emptyRupture(rng.id(), type);
    rupture.markers = rng.sample(markersForType(type), rng.int(1, 2)).map((m) => m.id);
    rupture.salience = clamp(Math.round(rng.normal(3, 1)), 1, 5);
    rupture.followedLapseOf = rng.sample(lapses.length > 0 ? lapses : rated, rng.int(0, 2));
    rupture.context = fill(rng.pick(att.ruptureContexts[type]));
    rupture.strategies = rng.sample(resolutionStrategies, rng.int(1, 3)).map((s) => s.id);
    // Repairs succeed more often as the alliance matures.
    const outcome = rng.weighted<RuptureOutcomeId>([
      ['resolved', 0.45 + progress * 0.25],
      ['partial', 0.35],
      ['unresolved', 0.2 - progress * 0.1],
    ]);
    rupture.outcome = outcome;
    rupture.clientResponse = fill(rng.pick(att.ruptureResponses[outcome]));
    if (rng.chance(0.85)) {
      rupture.minute = rng.int(3, Math.max(3, duration - 15));
      if (outcome !== 'unresolved' && rng.chance(0.8)) {
        rupture.repairMinute = Math.min(duration, rupture.minute + rng.int(1, 12));
      }
    }
    list.push(rupture);
  }
  return list;
}

function fillParticipation(rng: Random, fill: (s: string) => string, note: Note, progress: number): void {
  const p = 0.25 + 0.45 * progress;
  const part = note.participation;
  if (rng.chance(p)) part.bodySensations = { noted: true, text: fill(rng.pick(att.bodySensationTexts)) };
  if (rng.chance(p + 0.15)) {
    const words = rng.sample(hardFeelings, rng.int(1, 2)).map((w) => w.id);
    if (rng.chance(0.3)) words.push(rng.pick(softFeelings).id);
    if (rng.chance(0.15)) words.push(rng.pick(freeFeelings));
    part.namedFeelings = { emotions: [...new Set(words)], text: fill(rng.pick(att.feelingsNotes)) };
  }
  if (rng.chance(0.15 + 0.2 * progress))
    part.feedbackToTherapist = { given: true, quote: rng.pick(att.feedbackQuotes) };
  if (rng.chance(p - 0.05)) part.mindfulBreathing = { used: true, text: fill(rng.pick(att.breathingTexts)) };
}

/** Four 0–10 items (tenths allowed) whose total hovers around the 36 concern line. */
function feedback(rng: Random, profile: DemoProfile, progress: number, list: Rupture[]): SessionFeedback {
  const unresolved = list.filter((r) => r.outcome === 'unresolved').length;
  const total = clamp(
    rng.normal(profile.feedbackBaseline + profile.feedbackTrend * progress - 2.5 * unresolved, 1.8),
    8,
    40,
  );
  const item = () => clamp(Math.round(rng.normal(total / 4, 0.5) * 10) / 10, 0, 10);
  const result: SessionFeedback = { relationship: item(), goals: item(), approach: item(), overall: item() };
  if (rng.chance(0.03)) result.approach = null; // a form handed back incomplete
  return result;
}

/**
 * Signs the note as NoteService does: the SHA-256 hex of its signable content. A signature that
 * would come after `notAfter` has not happened yet, so the note stays a draft to finish.
 */
function sign(rng: Random, note: Note, by: string, notAfter: number): void {
  const at = addMinutes(note.updatedAt, rng.int(5, 240));
  if (Date.parse(at) > notAfter) return;
  note.status = 'signed';
  note.signed = { at, by, contentHash: contentHashOf(note) };
  note.updatedAt = at;
  if (rng.chance(0.05)) {
    const addendumAt = addMinutes(at, rng.int(60, 60 * 24 * 6));
    if (Date.parse(addendumAt) > notAfter) return;
    note.addenda = [{ id: rng.id(), at: addendumAt, by, ...rng.pick(text.addenda) }];
    note.updatedAt = addendumAt;
  }
}
