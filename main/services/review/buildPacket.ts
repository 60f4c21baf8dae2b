/**
 * Builds a review packet's content from the clinician's vault: the chosen sessions of one client,
 * de-identified (an alias for the client, names replaced in every free-text field, fresh refs
 * for every id, dates shifted if asked), and the map from refs back to real ids, which stays in
 * the vault.
 */
import { clientSessionsInRange } from '../../../shared/analytics/clientMetrics';
import { calendarDate } from '../../../shared/analytics/dateRange';
import { sessionStanding } from '../../../shared/analytics/notesBySession';
import type { Client } from '../../../shared/domain/clientSchema';
import { isoDateSchema } from '../../../shared/domain/fields';
import type { Template } from '../../../shared/domain/templates';
import { AttuneError } from '../../../shared/errors';
import { createDeidentifier, deidentify } from '../../../shared/review/deidentify';
import {
  aliasSchema,
  MAX_PACKET_SESSIONS,
  PACKET_FORMAT,
  PACKET_VERSION,
  type PacketIncludeInput,
  type PacketNote,
  type PacketSummary,
  packetSchema,
  type ReviewPacket,
} from '../../../shared/review/packetSchema';
import { parseOrThrow } from '../parseOrThrow';
import { kinds } from '../RecordStore';
import {
  clientById,
  notesOfSessions,
  processNoteOf,
  sessionsOf,
  settingsOf,
  templateOf,
} from './clinicalRecords';
import { packetMeasures } from './packetMeasures';
import {
  type NoteContext,
  packetNote,
  packetRuptures,
  packetSummary,
  TemplateMapper,
  VocabularyMapper,
} from './packetNotes';
import { clinicalThreadOf, diagnosisCodeScrubber, GoalMapper, packetDiagnoses } from './packetPlan';
import { newPacketId, RefMaker, randomShiftDays, shiftDate, shiftInstant } from './packetRefs';
import {
  type PacketRefs,
  type ReviewExportRecord,
  type ReviewVault,
  reviewKinds,
  valuesOf,
} from './reviewKinds';

export interface PacketRequest {
  clientId: string;
  /** First and last day included, yyyy-mm-dd, by the session's local date (the clinician's own day). */
  from?: string;
  to?: string;
  /** Only these sessions (of this client); all in range when absent. */
  sessionIds?: string[];
  /** What goes in; `diagnoses` is off unless set (packet version 2). */
  include: PacketIncludeInput;
  /** Other names to remove from the text: partners, relatives, colleagues, places. */
  extraNames: string[];
  shiftDates: boolean;
  /** The alias the client appears under; by default the one used before for this client, else the next free one. */
  alias?: string;
}

/** A packet and what the clinician's vault keeps about it (never in the packet). */
export interface BuiltPacket {
  content: ReviewPacket;
  record: Omit<ReviewExportRecord, 'path'>;
}

/** The replacement for listed names other than the client's. */
export const OTHER_NAME = '[name]';

export async function buildPacket(
  vault: ReviewVault,
  request: PacketRequest,
  now = new Date(),
): Promise<BuiltPacket> {
  const client = await clientById(vault, request.clientId);
  const sessions = await chooseSessions(vault, client, request, now);
  const previous = (await valuesOf<ReviewExportRecord>(vault, reviewKinds.export)).sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : 1,
  );
  const clientNames = [client.displayName ?? '', client.code];
  const otherClients = (await valuesOf<Client>(vault, kinds.client))
    .filter((c) => c.id !== client.id)
    .flatMap((c) => [c.displayName ?? '', c.code]);
  const alias = chooseAlias(client, request, previous, clientNames, otherClients);
  const forClient = createDeidentifier({ names: clientNames, replacement: alias });
  const forOthers = createDeidentifier({ names: request.extraNames, replacement: OTHER_NAME });
  const include = { ...request.include, diagnoses: request.include.diagnoses === true };
  const thread = await clinicalThreadOf(vault, client.id);
  // Without the tick, the client's own codes leave every free-text field too (packetPlan.ts).
  const forCodes = include.diagnoses ? (text: string) => text : diagnosisCodeScrubber(thread.diagnoses);
  const clean = (text: string) => forCodes(forOthers(forClient(text)));

  // The same client keeps the same offset across packets, so two packets cannot be compared to
  // recover it; a first packet draws one at random.
  const shiftDays = request.shiftDates
    ? (previous.findLast((p) => p.clientId === client.id && p.shiftDays !== 0)?.shiftDays ??
      randomShiftDays())
    : 0;
  const shift = (iso: string) =>
    shiftDays === 0 ? new Date(iso).toISOString() : shiftInstant(iso, shiftDays);

  const notes = await notesOfSessions(vault, new Set(sessions.map((s) => s.id)));
  const settings = await settingsOf(vault);
  const templates = new Map<string, Template>();
  for (const note of notes.values()) {
    const template = templates.has(note.templateId) ? undefined : await templateOf(vault, note.templateId);
    if (template) templates.set(note.templateId, template);
  }
  const refs = new RefMaker();
  const refMap: PacketRefs = { sessions: {}, notes: {}, ruptures: {} };
  const shiftDay = (date: string) => shiftDate(date, shiftDays);
  const ctx: NoteContext = {
    refs,
    include,
    clean,
    shift,
    vocabulary: new VocabularyMapper(settings.ruptureVocabulary, clean),
    templates: new TemplateMapper(templates, refs, clean),
    ruptureRefs: refMap.ruptures,
    goals: include.notes ? new GoalMapper(thread.plans, refs, clean, shiftDay) : null,
  };

  const packetSessions: ReviewPacket['sessions'] = [];
  const packetNotes: PacketNote[] = [];
  const summaries: PacketSummary[] = [];
  const processNotes: NonNullable<ReviewPacket['processNotes']> = [];
  const sessionRefs = new Map<string, string>();
  for (const session of sessions) {
    const sessionRef = refs.make('s');
    refMap.sessions[sessionRef] = session.id;
    sessionRefs.set(session.id, sessionRef);
    packetSessions.push({
      sessionRef,
      startsAt: shift(session.startsAt),
      durationMinutes: session.durationMinutes,
      modality: session.modality,
      attendance: session.attendance,
    });
    const note = notes.get(session.id);
    if (!note) continue;
    const noteRef = refs.make('n');
    refMap.notes[noteRef] = note.id;
    const ruptures = packetRuptures(note, ctx);
    const packetNoteValue = packetNote(note, { sessionRef, noteRef }, ruptures, ctx);
    if (packetNoteValue) packetNotes.push(packetNoteValue);
    if (request.include.metrics || request.include.charts) {
      summaries.push(packetSummary(note, { sessionRef, noteRef }, ruptures, ctx));
    }
    if (request.include.processNotes) {
      const processNote = await processNoteOf(vault, note);
      if (processNote && processNote.text.trim() !== '') {
        processNotes.push({ sessionRef, noteRef, text: clean(processNote.text) });
      }
    }
  }

  // The outcome side of the metrics and charts: with them, and only with them.
  const measures =
    request.include.metrics || request.include.charts ? await packetMeasures(vault, sessionRefs, shift) : [];

  const content = parseOrThrow(packetSchema, {
    format: PACKET_FORMAT,
    version: PACKET_VERSION,
    packetId: newPacketId(),
    // With shifted dates, no date derived from now: the reviewer knows about when the packet
    // came, so now shifted would give the offset away. The last session's start (shifted) stands
    // for it, else the client's first day (shifted), which say nothing the packet does not.
    createdAt:
      shiftDays === 0
        ? now.toISOString()
        : (packetSessions
            .map((s) => s.startsAt)
            .sort()
            .at(-1) ?? `${shiftDay(client.startDate)}T00:00:00.000Z`),
    alias,
    dateShiftApplied: shiftDays !== 0,
    range: packetRange(request, shiftDays),
    include,
    concernLine: settings.feedbackConcernLine,
    sessions: packetSessions,
    notes: packetNotes,
    summaries,
    ...(request.include.processNotes ? { processNotes } : {}),
    templates: ctx.templates.result(),
    vocabulary: ctx.vocabulary.result(),
    treatmentPlan: ctx.goals?.result() ?? null,
    ...(include.diagnoses ? { diagnoses: packetDiagnoses(thread.diagnoses, shiftDay) } : {}),
    measures,
  } satisfies ReviewPacket);
  return {
    content,
    record: {
      packetId: content.packetId,
      clientId: client.id,
      alias,
      createdAt: now.toISOString(),
      shiftDays,
      sessions: packetSessions.length,
      processNotes: request.include.processNotes,
      refs: refMap,
    },
  };
}

/** The client's sessions in range (and among those picked), earliest first. */
async function chooseSessions(vault: ReviewVault, client: Client, request: PacketRequest, now: Date) {
  for (const [flag, value] of [
    ['from', request.from],
    ['to', request.to],
  ] as const) {
    if (value !== undefined && !isoDateSchema.safeParse(value).success) {
      throw new AttuneError('invalid-input', `The “${flag}” date must be a real date written yyyy-mm-dd.`);
    }
  }
  if (request.from && request.to && request.from > request.to) {
    throw new AttuneError('invalid-input', 'The first day of the range comes after the last; swap them.');
  }
  const include = request.include;
  if (!include.metrics && !include.charts && !include.notes && !include.ruptures && !include.processNotes) {
    throw new AttuneError('invalid-input', 'Choose at least one thing to put in the packet.');
  }
  let sessions = await sessionsOf(vault, client.id);
  if (request.sessionIds) {
    const own = new Map(sessions.map((s) => [s.id, s]));
    if (request.sessionIds.some((id) => !own.has(id))) {
      throw new AttuneError(
        'invalid-input',
        'One of the chosen sessions is not a session of this client. Reload the client’s page.',
      );
    }
    const wanted = new Set(request.sessionIds);
    sessions = sessions.filter((s) => wanted.has(s.id));
  }
  // By the clinician's own day, as the builder lists them: a New York evening session on the 14th
  // is in a range ending on the 14th (its UTC date is the 15th).
  const chosen = clientSessionsInRange(
    client.id,
    sessions,
    { from: request.from, to: request.to },
    calendarDate,
  );
  if (chosen.length === 0) {
    throw new AttuneError(
      'invalid-input',
      'No session of this client falls in the chosen dates; choose other dates or sessions.',
    );
  }
  // A session still to come has nothing to review, and a packet with shifted dates could not tell
  // it from one held (its time stands for the packet's): left out, as the charts leave it out.
  const noteOf = await notesOfSessions(vault, new Set(chosen.map((s) => s.id)));
  const past = chosen.filter((s) => sessionStanding(s, noteOf.get(s.id), now.getTime()) !== 'to-come');
  if (past.length === 0) {
    throw new AttuneError(
      'invalid-input',
      'Every chosen session is still to come; a packet holds sessions that have taken place (or were cancelled or missed).',
    );
  }
  if (past.length > MAX_PACKET_SESSIONS) {
    throw new AttuneError(
      'invalid-input',
      `A packet holds at most ${MAX_PACKET_SESSIONS} sessions; choose a shorter range.`,
    );
  }
  return past;
}

/**
 * The dates the packet says it covers: the clinician's chosen days, shifted with its sessions.
 * They are the clinician's own days while the packet gives times in UTC, so a session near
 * midnight can show a UTC date a day outside them; widening them to hold it would claim a day the
 * packet does not cover (that day's other sessions are not in it). docs/review-packet-format.md says so.
 */
function packetRange(
  request: PacketRequest,
  shiftDays: number,
): { from: string | null; to: string | null } | null {
  if (!request.from && !request.to) return null;
  return {
    from: request.from ? shiftDate(request.from, shiftDays) : null,
    to: request.to ? shiftDate(request.to, shiftDays) : null,
  };
}

/**
 * The packet's name for the client. It never holds the client's name or code, a listed name, or
 * another client's name or code: a packet about one client must not name another to the reader.
 */
function chooseAlias(
  client: Client,
  request: PacketRequest,
  previous: ReviewExportRecord[],
  names: string[],
  otherClients: string[],
): string {
  const listed = [...names, ...request.extraNames];
  if (request.alias) {
    // One the clinician typed is theirs to change: refused, never silently replaced.
    const alias = parseOrThrow(aliasSchema, request.alias);
    if (!aliasIsClean(alias, listed)) {
      throw new AttuneError(
        'invalid-input',
        'The alias contains the client’s name or code, or a listed name; choose another.',
      );
    }
    if (!aliasIsClean(alias, otherClients)) {
      throw new AttuneError(
        'invalid-input',
        'The alias contains the name or code of another of your clients; choose another.',
      );
    }
    return alias;
  }
  // The alias this client had before, unless a name given since (or listed now) is in it.
  const avoided = [...listed, ...otherClients];
  const before = previous.findLast((p) => p.clientId === client.id)?.alias;
  return before !== undefined && aliasIsClean(before, avoided) ? before : nextFreeAlias(previous, avoided);
}

/** Whether an alias holds none of the names (or their parts) that the packet removes. */
function aliasIsClean(alias: string, names: readonly string[]): boolean {
  return deidentify(alias, { names, replacement: '' }) === alias;
}

/**
 * The words default aliases are built on, in order: a client called "Known Client" would have
 * every "Client …" alias removed from the packet, so the next word is tried.
 */
const ALIAS_WORDS = ['Client', 'Person', 'Member'];

/**
 * "Client A", "Client B", … "Client Z", "Client AA", …: the first not given to another client and
 * free of every name the packet removes. A word that is itself one of those names is skipped
 * ("Person A", …); if every word is, letters alone ("AA", "AB", …). Names are finitely many words,
 * so each search ends.
 */
export function nextFreeAlias(
  previous: readonly Pick<ReviewExportRecord, 'alias'>[],
  names: readonly string[],
): string {
  const taken = new Set(previous.map((p) => p.alias.toLowerCase()));
  const free = (alias: string) => !taken.has(alias.toLowerCase()) && aliasIsClean(alias, names);
  for (const word of ALIAS_WORDS) {
    if (!aliasIsClean(word, names)) continue;
    for (let n = 0; ; n++) {
      const alias = `${word} ${aliasLetters(n)}`;
      if (free(alias)) return alias;
    }
  }
  // From "AA": a lone letter is too short to stand as an alias.
  for (let n = 26; ; n++) {
    const alias = aliasLetters(n);
    if (free(alias)) return alias;
  }
}

/** 0 → "A", 25 → "Z", 26 → "AA", …: the letters of the n-th alias. */
function aliasLetters(n: number): string {
  let letters = '';
  for (let k = n; k >= 0; k = Math.floor(k / 26) - 1) letters = String.fromCharCode(65 + (k % 26)) + letters;
  return letters;
}
