import { describe, expect, it } from 'vitest';
import { draftDifferences } from '../../../renderer/src/features/note/draftDifferences';
import { dropHeldKeptInVault, HeldChanges, heldState } from '../../../renderer/src/features/note/draftStash';
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
