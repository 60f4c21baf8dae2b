import { describe, expect, it } from 'vitest';
import { draftDifferences } from '../../../renderer/src/features/note/draftDifferences';
import {
  dropHeldKeptInVault,
  HeldChanges,
  heldDrafts,
  heldPlanClients,
  heldPlans,
  heldProcessNotes,
  heldState,
  heldVersion,
  placesHeldOnlyHere,
  sessionProcessNoteKey,
  subscribeHeld,
} from '../../../renderer/src/features/note/draftStash';
import { filledDraft } from '../services/serviceKit';

const entry = (value: string, change: number, basedOn: string | null = 'v1') => ({
  value,
  change,
  basedOn,
  heldAt: '2026-12-02T10:00:00.000Z',
});

describe('HeldChanges: changes kept back until saved', () => {
  it('a later save clears an earlier held value, whatever value was saved', () => {
    const held = new HeldChanges<string>();
    held.hold('n1', entry('invalid 11', 5));
    held.saved('n1', 9); // the corrected value, a later change, was saved
    expect(held.get('n1')).toBeUndefined();
  });

  it('a lock drops what the vault keeps too, and keeps what only this window holds', () => {
    const notes = new HeldChanges<string>();
    const plans = new HeldChanges<string>();
    notes.hold('n1', entry('not valid, held in the vault', 4));
    notes.keptInVault('n1', 4);
    notes.hold('n2', entry('cut off by the lock itself', 6));
    plans.hold('p1', entry('typed after the vault copy', 9));
    plans.keptInVault('p1', 8);
    dropHeldKeptInVault();
    expect(notes.get('n1')).toBeUndefined();
    expect(notes.get('n2')?.value).toBe('cut off by the lock itself');
    // A later change than the one the vault keeps stays: it is the only copy of it.
    expect(plans.get('p1')?.value).toBe('typed after the vault copy');
    // The editor closing after the lock offers the same change again: not held (the vault has it).
    notes.hold('n1', entry('not valid, held in the vault', 4));
    expect(notes.get('n1')).toBeUndefined();
    // Read back from the vault at the next opening, it is offered, and dropped at the next lock.
    notes.fromVault('n1', entry('not valid, held in the vault', 0));
    expect(notes.get('n1')?.change).toBe(0);
    dropHeldKeptInVault();
    expect(notes.get('n1')).toBeUndefined();
  });

  it('a failed save reported after a retry saved the same change does not hold it again', () => {
    const held = new HeldChanges<string>();
    held.hold('n1', entry('refused by a full disk', 5));
    held.saved('n1', 5); // "Try saving again" went through
    held.hold('n1', entry('refused by a full disk', 5)); // the editor's last attempt, begun before, fails now
    expect(held.get('n1')).toBeUndefined();
    held.hold('n1', entry('typed later, refused', 6));
    expect(held.get('n1')?.value).toBe('typed later, refused');
  });

  it('a save of an older change leaves a newer held value alone', () => {
    const held = new HeldChanges<string>();
    held.hold('n1', entry('typed as it locked', 7));
    held.saved('n1', 6);
    expect(held.get('n1')?.value).toBe('typed as it locked');
  });

  it('an older value never replaces a newer held one', () => {
    const held = new HeldChanges<string>();
    held.hold('n1', entry('newer', 8));
    held.hold('n1', entry('older', 3));
    expect(held.get('n1')?.value).toBe('newer');
  });

  it('is offered back only over the version it was made on; otherwise the user chooses', () => {
    expect(heldState(undefined, 'v1')).toBe('none');
    expect(heldState(entry('x', 1, 'v1'), 'v1')).toBe('restore');
    expect(heldState(entry('x', 1, 'v1'), 'v2')).toBe('choose');
    expect(heldState(entry('x', 1, null), null)).toBe('restore');
    expect(heldState(entry('x', 1, null), 'v1')).toBe('choose');
  });
});

describe('what only this window holds, told live (the workspace banner, the close guard)', () => {
  it('onlyHere leaves out the change the vault keeps too, not a later one', () => {
    const held = new HeldChanges<string>();
    held.fromVault('n1', entry('read back from the vault', 0));
    held.hold('n2', entry('refused by a full disk', 3));
    expect(held.onlyHere().map(([id]) => id)).toEqual(['n2']);
    held.hold('n1', entry('typed after, then refused', 5));
    expect(held.onlyHere().map(([id]) => id)).toEqual(['n1', 'n2']);
  });

  it('every change is told to subscribers, until they unsubscribe', () => {
    const held = new HeldChanges<string>();
    const told: number[] = [];
    const off = subscribeHeld(() => told.push(heldVersion()));
    held.hold('n1', entry('refused', 2));
    held.saved('n1', 2);
    held.saved('n1', 2); // nothing left to drop: nothing to tell
    held.hold('n1', entry('refused again', 4));
    held.discard('n1');
    off();
    held.hold('n1', entry('after unsubscribing', 6));
    expect(told).toHaveLength(4);
    expect(new Set(told).size).toBe(4);
  });

  it('names each note once: a progress note and its process note are one, a session’s process note its own', () => {
    const draft = (change: number) => ({ ...entry('', change), value: filledDraft() });
    heldDrafts.hold('note-a', draft(1));
    heldProcessNotes.hold('note-a', entry('process note of the same note', 1));
    heldProcessNotes.hold(sessionProcessNoteKey('session-b'), entry('process note of a session', 1));
    heldDrafts.hold('note-c', draft(2));
    heldDrafts.keptInVault('note-c', 2);
    heldDrafts.hold('note-c', draft(2));
    expect(placesHeldOnlyHere()).toEqual([
      { kind: 'note', noteId: 'note-a' },
      { kind: 'session', sessionId: 'session-b' },
    ]);
    heldDrafts.discard('note-a');
    heldProcessNotes.discard('note-a');
    heldProcessNotes.discard(sessionProcessNoteKey('session-b'));
    expect(placesHeldOnlyHere()).toEqual([]);
    // A treatment plan's draft a full disk refused is named too, with its client (the way to it).
    heldPlanClients.set('plan-d', 'client-d');
    heldPlans.hold('plan-d', {
      ...entry('', 3),
      value: { problems: [], goals: [], interventions: [], reviewDate: '2026-06-01', notes: '' },
    });
    expect(placesHeldOnlyHere()).toEqual([{ kind: 'plan', planId: 'plan-d', clientId: 'client-d' }]);
    heldPlans.discard('plan-d');
    expect(placesHeldOnlyHere()).toEqual([]);
    // Its client is forgotten with it: the window keeps no id it no longer needs.
    expect(heldPlanClients.has('plan-d')).toBe(false);
  });
});

describe('draftDifferences', () => {
  it('lists the fields that differ, with the labels the editor shows', () => {
    const saved = filledDraft();
    const held = {
      ...saved,
      plan: 'plan typed here',
      sections: { ...saved.sections, subjective: 'held subjective' },
      feedback: { relationship: 11, goals: 8, approach: 8, overall: 8 },
    };
    const differences = draftDifferences(saved, held, { subjective: 'Subjective' });
    const labels = differences.map((d) => d.label);
    expect(labels).toContain('Plan');
    expect(labels).toContain('Subjective');
    expect(labels).toContain('Session feedback · Relationship');
    expect(differences.find((d) => d.label === 'Plan')).toEqual({
      label: 'Plan',
      saved: saved.plan || '—',
      held: 'plan typed here',
    });
    expect(draftDifferences(saved, saved, {})).toEqual([]);
  });
});
