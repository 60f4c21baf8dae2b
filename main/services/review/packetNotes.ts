/**
 * One note as it goes into a packet: free text de-identified, ids replaced by refs, dates
 * shifted, and only the parts the clinician chose. Also the templates and the clinician's own
 * rupture vocabulary the packet's notes need, with their ids replaced too.
 */
import { type Attunement, emptyAttunement } from '../../../shared/domain/attunementSchema';
import { dimensionIds } from '../../../shared/domain/dimensions';
import type { Note } from '../../../shared/domain/noteSchema';
import { normalizeEmotion } from '../../../shared/domain/participation';
import type { Participation } from '../../../shared/domain/participationSchema';
import type { RiskAssessment } from '../../../shared/domain/riskSchema';
import { type RuptureTypeId, resolutionStrategies, ruptureMarkers } from '../../../shared/domain/ruptures';
import type { Settings } from '../../../shared/domain/settingsSchema';
import type { Template } from '../../../shared/domain/templates';
import type {
  PacketInclude,
  PacketNote,
  PacketRupture,
  PacketSummary,
  PacketTemplate,
  PacketVocabulary,
} from '../../../shared/review/packetSchema';
import { CASE_REF } from '../../../shared/review/packetSchema';
import { summarizeNote } from '../../../shared/summaries/noteSummary';
import type { GoalMapper } from './packetPlan';
import type { RefMaker } from './packetRefs';
import type { PacketRefs } from './reviewKinds';

export interface NoteContext {
  refs: RefMaker;
  include: PacketInclude;
  /** De-identifies one free-text field. */
  clean: (text: string) => string;
  /** Shifts one ISO date-time by the packet's offset (or leaves it). */
  shift: (iso: string) => string;
  vocabulary: VocabularyMapper;
  templates: TemplateMapper;
  /** Filled with each rupture ref's real ids. */
  ruptureRefs: PacketRefs['ruptures'];
  /** The plan's goals and their refs; null when the packet carries no note text (no goals then). */
  goals: GoalMapper | null;
}

const builtInMarkers = new Set(ruptureMarkers.map((m) => m.id));
const builtInStrategies = new Set(resolutionStrategies.map((s) => s.id));
const cut = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

/** Built-in marker and strategy ids pass as they are; the clinician's own get packet ids. */
export class VocabularyMapper {
  readonly #markers = new Map<string, PacketVocabulary['markers'][number]>();
  readonly #strategies = new Map<string, PacketVocabulary['strategies'][number]>();

  constructor(
    private readonly custom: Settings['ruptureVocabulary'],
    private readonly clean: (text: string) => string,
  ) {}

  marker(id: string, type: RuptureTypeId): string {
    if (builtInMarkers.has(id)) return id;
    let entry = this.#markers.get(id);
    if (!entry) {
      const own = this.custom.markers.find((m) => m.id === id);
      entry = {
        id: `custom-marker-${this.#markers.size + 1}`,
        type: own?.type ?? type,
        label: cut(this.clean(own?.label ?? 'Marker no longer in the vocabulary'), 120),
        description: cut(this.clean(own?.description ?? ''), 500),
      };
      this.#markers.set(id, entry);
    }
    return entry.id;
  }

  strategy(id: string): string {
    if (builtInStrategies.has(id)) return id;
    let entry = this.#strategies.get(id);
    if (!entry) {
      const own = this.custom.strategies.find((s) => s.id === id);
      entry = {
        id: `custom-strategy-${this.#strategies.size + 1}`,
        label: cut(this.clean(own?.label ?? 'Strategy no longer in the vocabulary'), 120),
        description: cut(this.clean(own?.description ?? ''), 500),
      };
      this.#strategies.set(id, entry);
    }
    return entry.id;
  }

  result(): PacketVocabulary {
    return { markers: [...this.#markers.values()], strategies: [...this.#strategies.values()] };
  }
}

/**
 * Built-in templates keep their ids; the clinician's own get a ref, and their section ids
 * and headings (which the clinician typed) are replaced or de-identified.
 */
export class TemplateMapper {
  readonly #entries = new Map<string, { packet: PacketTemplate; keys: Map<string, string> }>();

  constructor(
    private readonly templates: ReadonlyMap<string, Template>,
    private readonly refs: RefMaker,
    private readonly clean: (text: string) => string,
  ) {}

  id(templateId: string): string {
    return this.#entry(templateId).packet.id;
  }

  sectionKey(templateId: string, key: string): string {
    const entry = this.#entry(templateId);
    let mapped = entry.keys.get(key);
    if (!mapped) {
      // A section the template no longer has: kept under a neutral id and heading.
      mapped = `section-${entry.packet.sections.length + 1}`;
      entry.keys.set(key, mapped);
      entry.packet.sections.push({ id: mapped, label: `Section ${entry.packet.sections.length + 1}` });
    }
    return mapped;
  }

  result(): PacketTemplate[] {
    return [...this.#entries.values()].map((e) => e.packet);
  }

  #entry(templateId: string) {
    let entry = this.#entries.get(templateId);
    if (entry) return entry;
    const template = this.templates.get(templateId);
    if (template?.builtIn) {
      const sections = template.baseSections.map((s) => ({ id: s.id, label: s.label }));
      entry = {
        packet: { id: template.id, name: template.name, builtIn: true, sections },
        keys: new Map(sections.map((s) => [s.id, s.id])),
      };
    } else {
      const keys = new Map<string, string>();
      const sections = (template?.baseSections ?? []).map((s, i) => {
        keys.set(s.id, `section-${i + 1}`);
        return { id: `section-${i + 1}`, label: cut(this.clean(s.label), 80) };
      });
      const name = template ? cut(this.clean(template.name), 80) : 'Template no longer in the vault';
      entry = { packet: { id: this.refs.make('t'), name, builtIn: false, sections }, keys };
    }
    this.#entries.set(templateId, entry);
    return entry;
  }
}

/** A note's ruptures with refs, de-identified, and their real ids recorded. */
export function packetRuptures(note: Note, ctx: NoteContext): PacketRupture[] {
  if (!ctx.include.ruptures) return [];
  return note.ruptures.map((r) => {
    const ruptureRef = ctx.refs.make('r');
    ctx.ruptureRefs[ruptureRef] = { sessionId: note.sessionId, noteId: note.id, ruptureId: r.id };
    return {
      ruptureRef,
      minute: r.minute,
      type: r.type,
      markers: r.markers.map((m) => ctx.vocabulary.marker(m, r.type)),
      // Built-in ids naming the therapist's own reactions: nothing in them identifies the client.
      // A note stored before issue 14 has no list.
      therapistMarkers: r.therapistMarkers ?? [],
      salience: r.salience,
      followedLapseOf: r.followedLapseOf,
      context: ctx.clean(r.context),
      strategies: r.strategies.map((s) => ctx.vocabulary.strategy(s)),
      outcome: r.outcome,
      repairMinute: r.repairMinute,
      clientResponse: ctx.clean(r.clientResponse),
    };
  });
}

const noJudgments = { therapistContribution: null, overallResolution: null };

/**
 * The note for the packet, or null when the clinician's choices leave nothing of it: with notes
 * ticked, its text (and ruptures if ticked); with only ruptures ticked, an excerpt of a note
 * that has ruptures, its other free text left empty.
 */
export function packetNote(
  note: Note,
  refs: { sessionRef: string; noteRef: string },
  ruptures: PacketRupture[],
  ctx: NoteContext,
): PacketNote | null {
  const { include, clean } = ctx;
  const withText = include.notes;
  if (!withText && ruptures.length === 0) return null;
  const text = (value: string) => (withText ? clean(value) : '');
  const sections: Record<string, string> = {};
  if (withText) {
    for (const [key, value] of Object.entries(note.sections)) {
      sections[ctx.templates.sectionKey(note.templateId, key)] = clean(value);
    }
  }
  const attunement: Attunement = emptyAttunement();
  for (const d of dimensionIds) {
    const entry = note.attunement[d];
    attunement[d] = {
      rating: entry.rating,
      unrated: entry.unrated,
      observation: text(entry.observation),
      response: text(entry.response),
    };
  }
  const left = !include.ruptures && (note.ruptures.length > 0 || hasJudgments(note));
  return {
    ...refs,
    templateId: ctx.templates.id(note.templateId),
    status: note.status,
    signedAt: note.signed ? ctx.shift(note.signed.at) : null,
    excerpt: !withText || left,
    sections,
    attunement,
    coRegulation: text(note.coRegulation),
    ruptures,
    sessionJudgments: include.ruptures ? note.sessionJudgments : noJudgments,
    participation: packetParticipation(note.participation, text, clean),
    feedback: note.feedback,
    plan: text(note.plan),
    // Goals, progress and the risk section travel with the note's text: the risk section is
    // what a supervisor most needs to see, and its words are de-identified like the rest.
    goalProgress:
      withText && ctx.goals
        ? (note.goalProgress ?? []).map((g) => ({
            goalRef: ctx.goals!.ref(g.goalId),
            progress: g.progress,
            comment: clean(g.comment),
          }))
        : [],
    risk: withText && note.risk ? packetRisk(note.risk, clean) : null,
    ...(withText && note.addenda.length > 0
      ? {
          addenda: note.addenda.map((a) => ({
            at: ctx.shift(a.at),
            ...(a.type ? { type: a.type } : {}),
            ...(a.reason ? { reason: clean(a.reason) } : {}),
            text: clean(a.text),
          })),
        }
      : {}),
  };
}

/** The risk section with its three free-text fields de-identified; the answers pass as they are. */
function packetRisk(risk: RiskAssessment, clean: (value: string) => string): RiskAssessment {
  return {
    ...risk,
    otherRisks: clean(risk.otherRisks),
    protectiveFactors: clean(risk.protectiveFactors),
    actionsTaken: clean(risk.actionsTaken),
  };
}

const hasJudgments = (note: Note) =>
  note.sessionJudgments.therapistContribution !== null || note.sessionJudgments.overallResolution !== null;

function packetParticipation(
  p: Participation,
  text: (value: string) => string,
  clean: (value: string) => string,
): Participation {
  return {
    bodySensations: { noted: p.bodySensations.noted, text: text(p.bodySensations.text) },
    namedFeelings: {
      emotions: cleanEmotions(p.namedFeelings.emotions, clean),
      text: text(p.namedFeelings.text),
    },
    feedbackToTherapist: { given: p.feedbackToTherapist.given, quote: text(p.feedbackToTherapist.quote) },
    mindfulBreathing: { used: p.mindfulBreathing.used, text: text(p.mindfulBreathing.text) },
  };
}

/** Named feelings may be free words, so they are de-identified too (and kept unique). */
function cleanEmotions(emotions: readonly string[], clean: (value: string) => string): string[] {
  return [...new Set(emotions.map((e) => cut(normalizeEmotion(clean(e)), 60)))].filter((e) => e !== '');
}

/** The note's summary for review mode's charts, keyed by refs, ruptures as in the packet note. */
export function packetSummary(
  note: Note,
  refs: { sessionRef: string; noteRef: string },
  ruptures: PacketRupture[],
  ctx: NoteContext,
): PacketSummary {
  const summary = summarizeNote(note);
  return {
    id: refs.noteRef,
    sessionId: refs.sessionRef,
    clientId: CASE_REF,
    templateId: ctx.templates.id(note.templateId),
    status: summary.status,
    updatedAt: ctx.shift(summary.updatedAt),
    signedAt: summary.signedAt ? ctx.shift(summary.signedAt) : null,
    ratings: summary.ratings,
    notArisen: summary.notArisen ?? [],
    ruptures: ruptures.map(({ ruptureRef, context: _c, clientResponse: _r, ...rest }) => ({
      id: ruptureRef,
      ...rest,
    })),
    judgments: ctx.include.ruptures ? summary.judgments : noJudgments,
    participation: summary.participation,
    emotions: cleanEmotions(summary.emotions, ctx.clean),
    feedback: summary.feedback,
  };
}
