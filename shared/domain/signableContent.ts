/** The exact content a note's signature hash covers. */
import { canonicalJson } from './canonicalJson';
import type { Attunement } from './attunementSchema';
import type { Note } from './noteSchema';
import type { Rupture } from './ruptureSchema';

/**
 * Names the shape of the signed content, so a later change to what is covered cannot make an
 * old hash verify against different fields.
 */
export const SIGNABLE_FORMAT = 'attune.note.signable/1';

/**
 * Canonical JSON of the note's identity and clinical content. Status, signature, addenda and
 * timestamps are left out: they change around signing without changing what was signed.
 */
export function signableContent(note: Note): string {
  return canonicalJson({
    format: SIGNABLE_FORMAT,
    id: note.id,
    sessionId: note.sessionId,
    clientId: note.clientId,
    templateId: note.templateId,
    sections: note.sections,
    attunement: signableAttunement(note.attunement),
    coRegulation: note.coRegulation,
    ruptures: note.ruptures.map(signableRupture),
    sessionJudgments: note.sessionJudgments,
    participation: note.participation,
    feedback: note.feedback,
    plan: note.plan,
    // Issue 15's fields, only when they hold something (see below): absent in older notes.
    goalProgress: note.goalProgress && note.goalProgress.length > 0 ? note.goalProgress : undefined,
    risk: note.risk ?? undefined,
  });
}

/*
 * Fields added after notes were first signed are left out while they hold the value an older
 * note is read with, so a signature made before them still verifies, and a note written since
 * that holds the same content hashes the same. Any other value is covered: changing "Could not
 * judge" to "Did not come up" in a signed note breaks its signature. (canonicalJson drops keys
 * whose value is undefined.)
 */

/** The attunement as signed: `unrated` only when it is "did-not-come-up" (issue 14). */
function signableAttunement(attunement: Attunement): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(attunement).map(([id, entry]) => [
      id,
      { ...entry, unrated: entry.unrated === 'did-not-come-up' ? entry.unrated : undefined },
    ]),
  );
}

/** A rupture as signed: therapist-side markers only when there are some (issue 14). */
function signableRupture(rupture: Rupture): Record<string, unknown> {
  // A note read straight from the store, unmigrated, may lack the list altogether.
  const markers: readonly string[] | undefined = rupture.therapistMarkers;
  return { ...rupture, therapistMarkers: markers && markers.length > 0 ? markers : undefined };
}
