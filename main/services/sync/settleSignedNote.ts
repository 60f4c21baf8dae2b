import { compareText } from '../../../shared/compareText';
import { noteFieldLabel } from '../../../shared/domain/noteFieldLabels';
import type { Addendum, Note } from '../../../shared/domain/noteSchema';
import { signableContent } from '../../../shared/domain/signableContent';
import { noteTexts } from '../noteText';

/** One kept version of a note in conflict, as the engine lists it. */
export interface NoteVersion {
  opId: string;
  deviceName: string;
  at: string;
  deleted: boolean;
  value: Note | null;
}

/**
 * Settles a note in conflict of which at least one version is signed, without a choice to make
 * and without losing anything: the earliest signature stands with its signed text unchanged
 * (a signed note is final); every addendum of every signed version is kept; each other version
 * whose content differs (a draft edited while the note was signed elsewhere, or a second
 * signature over other text) is kept as a dated clarification addendum whose reason names the
 * computer it came from.
 * `from` names the computers of the other versions. Null when no version is signed (a draft
 * conflict is the clinician's to resolve).
 */
export function settleSignedNote(
  versions: readonly NoteVersion[],
  at: string,
): { note: Note; from: string[] } | null {
  const signed = versions
    .filter((v): v is NoteVersion & { value: Note } => v.value?.status === 'signed' && !!v.value.signed)
    .sort((x, y) => compareText(signedAt(x.value), signedAt(y.value)) || (x.opId < y.opId ? -1 : 1));
  const base = signed[0];
  if (!base) return null;
  const note = structuredClone(base.value);
  const addenda = new Map<string, Addendum>();
  for (const v of signed) for (const a of v.value.addenda) if (!addenda.has(a.id)) addenda.set(a.id, a);
  const signedText = signableContent(base.value);
  const from: string[] = [];
  for (const v of versions) {
    if (v === base || v.deleted || !v.value) continue;
    from.push(v.deviceName);
    if (signableContent(v.value) === signedText) continue; // only addenda differ: all kept above
    const id = `sync-${v.opId.replaceAll(':', '-')}`;
    if (addenda.has(id)) continue;
    addenda.set(id, {
      id,
      // An addendum can't be dated before the signature.
      at: later(v.at, signedAt(base.value)),
      // It adds to the signed note what was written elsewhere; it corrects nothing in it.
      type: 'clarification',
      reason: `Kept from ${v.deviceName}: changed there while this note was signed on another computer.`,
      by: base.value.signed?.by ?? 'Attune',
      text: keptText(v.deviceName, v.at, v.value, base.value),
    });
  }
  note.addenda = [...addenda.values()].sort((x, y) => compareText(x.at, y.at) || (x.id < y.id ? -1 : 1));
  note.updatedAt = later(at, note.updatedAt);
  return { note, from: [...new Set(from)] };
}

/** The later of two ISO 8601 UTC times (they sort as text). */
const later = (x: string, y: string): string => [x, y].sort()[1] ?? x;

const signedAt = (note: Note): string => note.signed?.at ?? note.updatedAt;

/** The other version's text fields that differ from the signed note, each under its label. */
function keptText(deviceName: string, at: string, other: Note, signed: Note): string {
  const signedTexts = new Map(noteTexts(signed).map((t) => [t.field, t.text]));
  const changed = noteTexts(other).filter(
    (t) => !t.field.startsWith('addenda.') && signedTexts.get(t.field) !== t.text,
  );
  const lines = [
    `Changes saved on ${deviceName} at ${at} while this note was being signed on another computer. The signed text above is unchanged; these changes are kept here, unsigned.`,
    ...changed.map((t) => `${noteFieldLabel(t.field)}: ${t.text}`),
  ];
  if (changed.length === 0)
    lines.push('Only ratings or choices differed (no text); they are kept in the vault’s history.');
  return lines.join('\n\n');
}

/**
 * True when every version is the same signed note (one signature, one signed text, the same
 * addenda) and only their save times differ: what two computers that settled one conflict at
 * the same time each wrote. Settling that on both would write two new versions again, for ever;
 * so only one computer settles it (SyncService.settleSigned: the lowest device id among the
 * versions' writers), and every computer converges on its resolution.
 */
export function isSettlementEcho(versions: readonly NoteVersion[]): boolean {
  const [first, ...rest] = versions;
  const value = first?.value;
  if (value?.status !== 'signed' || !value.signed) return false;
  const key = (note: Note) =>
    JSON.stringify([note.signed, signableContent(note), note.addenda.map((a) => a.id).sort()]);
  const want = key(value);
  return rest.every((v) => !v.deleted && v.value?.status === 'signed' && key(v.value) === want);
}
