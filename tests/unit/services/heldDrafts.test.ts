import { describe, expect, it } from 'vitest';
import { exportVault } from '../../../main/services/exchange/exportVault';
import { MAX_HELD_DRAFT_BYTES } from '../../../main/services/HeldDraftStore';
import { kinds } from '../../../main/services/RecordStore';
import { clientWithNote, expectKind, filledDraft, openServices, PASS } from './serviceKit';

/** A draft the note schema refuses: the repair is dated before its rupture. */
function invalidDraft(subjective: string) {
  const draft = filledDraft({ subjective });
  draft.ruptures[0] = { ...draft.ruptures[0]!, minute: 30, repairMinute: 10 };
  return draft;
}

describe('held drafts: a draft not valid yet is kept in the vault until the note is saved', () => {
  it('keeps it across a lock (as across a crash or quitting), offers it back, and drops it once saved', async () => {
    const h = await openServices();
    const { note } = await clientWithNote(h.services);
    const saved = await h.services.notes.saveDraft(note.id, filledDraft());
    await expectKind(
      h.services.notes.saveDraft(note.id, invalidDraft('Typed after the last save.')),
      'invalid-input',
    );
    const { heldAt } = await h.services.notes.holdDraft(
      note.id,
      invalidDraft('Typed after the last save.') as unknown as Record<string, unknown>,
      saved.updatedAt,
    );

    await h.session.lock('user');
    await h.session.unlock({ passphrase: PASS });
    const held = await h.services.notes.heldDraft(note.id);
    expect(held).toEqual({
      draft: expect.objectContaining({
        sections: expect.objectContaining({ subjective: 'Typed after the last save.' }),
      }),
      basedOn: saved.updatedAt,
      heldAt,
    });
    // Not a note: nothing that reads notes sees it.
    const file = await exportVault(h.session.vault, { includeProcessNotes: true });
    expect(JSON.stringify(file)).not.toContain('Typed after the last save.');
    expect(h.session.vault.list(kinds.heldDraft)).toHaveLength(1);

    // The writer fixes the minute: the note saves, and the held copy goes in the same commit.
    const fixed = await h.services.notes.saveDraft(
      note.id,
      filledDraft({ subjective: 'Typed after the last save.' }),
      saved.updatedAt,
    );
    expect(await h.services.notes.heldDraft(note.id)).toBeNull();
    expect(h.session.vault.list(kinds.heldDraft)).toHaveLength(0);

    // Held again; a save from elsewhere (another window, on another version, or naming none)
    // leaves it, so the editor shows both at its next opening and the writer chooses.
    const again = invalidDraft('Held again.') as unknown as Record<string, unknown>;
    await h.services.notes.holdDraft(note.id, again, fixed.updatedAt);
    await h.services.notes.saveDraft(note.id, filledDraft({ subjective: 'Saved in another window.' }));
    expect(await h.services.notes.heldDraft(note.id)).toMatchObject({ basedOn: fixed.updatedAt });
  });

  it('is dropped when the writer keeps the saved version, and when the note is signed', async () => {
    const h = await openServices();
    const { note } = await clientWithNote(h.services);
    await h.services.notes.saveDraft(note.id, filledDraft());
    const draft = invalidDraft('Held.') as unknown as Record<string, unknown>;
    await h.services.notes.holdDraft(note.id, draft, null);
    await h.services.notes.discardHeldDraft(note.id);
    expect(await h.services.notes.heldDraft(note.id)).toBeNull();

    await h.services.notes.holdDraft(note.id, draft, null);
    await h.services.notes.sign(note.id);
    expect(h.session.vault.list(kinds.heldDraft)).toHaveLength(0);
    // A signed note takes no held draft.
    await expectKind(h.services.notes.holdDraft(note.id, draft, null), 'read-only');
    expect(await h.services.notes.heldDraft(note.id)).toBeNull();
  });

  it('refuses a draft too large to keep, and a note that does not exist', async () => {
    const h = await openServices();
    const { note } = await clientWithNote(h.services);
    const huge = { sections: { subjective: 'x'.repeat(MAX_HELD_DRAFT_BYTES) } };
    await expectKind(h.services.notes.holdDraft(note.id, huge, null), 'invalid-input');
    // Nested deeper than any draft, or of more parts: refused before it is walked in full.
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) deep = { next: deep };
    await expectKind(h.services.notes.holdDraft(note.id, deep, null), 'invalid-input');
    const wide = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]));
    await expectKind(h.services.notes.holdDraft(note.id, wide, null), 'invalid-input');
    await expectKind(h.services.notes.holdDraft('no-such-note', { sections: {} }, null), 'not-found');
    expect(h.session.vault.list(kinds.heldDraft)).toHaveLength(0);
  });
});

describe('held drafts of a treatment plan version', () => {
  it('are kept until the version is saved, or until the saved version is kept', async () => {
    const h = await openServices();
    const client = await h.services.clients.create({
      code: 'C-77',
      displayName: 'Plan Person',
      startDate: '2025-01-06',
      concerns: [],
      goals: [],
    });
    const draft = await h.services.plans.create(client.id);
    const typed = { problems: [], goals: [{ text: '' }], interventions: [], reviewDate: draft.reviewDate };
    await h.services.plans.holdDraft(draft.id, typed, draft.updatedAt);
    await h.session.lock('user');
    await h.session.unlock({ passphrase: PASS });
    expect(await h.services.plans.heldDraft(draft.id)).toMatchObject({
      draft: typed,
      basedOn: draft.updatedAt,
    });
    // A note's and a plan's held drafts never meet, even under the same id.
    expect(await h.services.notes.heldDraft(draft.id).catch(() => 'not a note')).toBe('not a note');

    await h.services.plans.save({
      id: draft.id,
      expectedUpdatedAt: draft.updatedAt,
      problems: draft.problems,
      goals: draft.goals,
      interventions: draft.interventions,
      reviewDate: draft.reviewDate,
    });
    expect(await h.services.plans.heldDraft(draft.id)).toBeNull();
    expect(h.session.vault.list(kinds.heldDraft)).toHaveLength(0);
    await h.services.plans.holdDraft(draft.id, typed, null);
    await h.services.plans.discardHeldDraft(draft.id);
    expect(await h.services.plans.heldDraft(draft.id)).toBeNull();
  });
});
