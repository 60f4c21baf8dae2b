import { z } from 'zod';
import { deviceNameSchema } from '../../domain/deviceNameSchema';
import { recordIdSchema } from '../../domain/fields';
import { returns } from './returns';

/** What a record in conflict is, in the clinician's words. */
export type ConflictWhat =
  | 'note'
  | 'process-note'
  | 'client'
  | 'session'
  | 'template'
  | 'settings'
  | 'treatment-plan'
  | 'diagnosis'
  | 'safety-plan'
  | 'measure'
  | 'other';

/** One kept version of a record in conflict: which computer saved it, when, and its value. */
export interface ConflictVersionView {
  /** Names this version in a resolution. */
  versionId: string;
  deviceName: string;
  /** When it was saved (ISO 8601). */
  at: string;
  /** This version is the record's deletion. */
  deleted: boolean;
  /** The record as that computer saved it (null for a deletion). */
  value: unknown;
}

/** A record changed on two computers before their files crossed, with every version kept. */
export interface ConflictView {
  kind: string;
  id: string;
  what: ConflictWhat;
  /** The client it belongs to (or is), when known. */
  client: { code: string; displayName: string } | null;
  /** The session's start (a note, a process note or a session), when known. */
  sessionStartsAt: string | null;
  versions: ConflictVersionView[];
  /** For a note: the parts (`sections.<id>`, `plan`, …) that differ between versions. */
  differingParts: string[];
}

/** A signed note that was also changed elsewhere: its signed text stood, the rest became an addendum. */
export interface SettledSignedNote {
  id: string;
  client: { code: string; displayName: string } | null;
  sessionStartsAt: string | null;
  /** The computers whose changes were kept as an addendum. */
  from: string[];
}

/** Something about the synced folder the user should know, with what to do. */
export interface SyncProblemView {
  type: 'damage' | 'fork' | 'rollback' | 'waiting' | 'artefact' | 'foreign' | 'repaired';
  message: string;
  advice: string;
}

/** How this vault is shared with other computers. */
export interface SyncStatusView {
  deviceName: string;
  /** Other computers that have the vault open now. */
  others: Array<{ name: string; minutesAgo: number }>;
  problems: SyncProblemView[];
  conflicts: number;
}

/**
 * The answer of a format-2 feature: its value, or, for a vault in format 1 (one computer only),
 * `available: false` with a sentence saying so.
 */
export type SyncAnswer<T> = { available: true; value: T } | { available: false; message: string };

const kindSchema = z
  .string({ error: 'A record kind is missing.' })
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'A record kind is lower-case letters, digits or dashes.');
const versionIdSchema = z
  .string({ error: 'Choose a version.' })
  .regex(/^[0-9a-f]{32}:[1-9][0-9]{0,15}:[0-9]{1,9}$/, 'That version is not one Attune knows.');
const partKeySchema = z
  .string()
  .regex(/^(sections\.[a-z][a-z0-9-]{0,39}|[a-zA-Z]{1,40})$/, 'That part of a note is not one Attune knows.');

export const conflictChoiceSchema = z.discriminatedUnion('type', [
  /** Keep one version whole (a deletion version deletes the record). */
  z.strictObject({ type: z.literal('version'), versionId: versionIdSchema }),
  /** A draft note: `base` for everything, each part in `parts` from the version it names. */
  z.strictObject({
    type: z.literal('parts'),
    base: versionIdSchema,
    parts: z.record(partKeySchema, versionIdSchema),
  }),
]);
export type ConflictChoice = z.infer<typeof conflictChoiceSchema>;

export const syncContract = {
  /** Records in conflict; signed notes in conflict are settled first (their signed text stands). */
  'sync:conflicts': {
    input: z.undefined(),
    output: returns<SyncAnswer<{ conflicts: ConflictView[]; settledSigned: SettledSignedNote[] }>>(),
  },
  /** Settles one conflict with the version chosen, or parts of each (recorded in the audit log). */
  'sync:resolve': {
    input: z.strictObject({ kind: kindSchema, id: recordIdSchema, choice: conflictChoiceSchema }),
    output: returns<SyncAnswer<{ kind: string; id: string }>>(),
  },
  'sync:status': { input: z.undefined(), output: returns<SyncAnswer<SyncStatusView>>() },
  /** Names this computer as the others see it. */
  'sync:renameDevice': {
    input: z.strictObject({ name: deviceNameSchema }),
    output: returns<SyncAnswer<{ deviceName: string }>>(),
  },
  /** The other computers that have this record open for editing now. */
  'sync:editingElsewhere': {
    input: z.strictObject({ kind: kindSchema, id: recordIdSchema }),
    output: returns<SyncAnswer<Array<{ name: string; minutesAgo: number }>>>(),
  },
  /** Tells the other computers which record this window is editing (none: an empty list). */
  'sync:setEditing': {
    input: z.strictObject({
      records: z.array(z.strictObject({ kind: kindSchema, id: recordIdSchema })).max(20),
    }),
    output: returns<SyncAnswer<null>>(),
  },
} as const;
