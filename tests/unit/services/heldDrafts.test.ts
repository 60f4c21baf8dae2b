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
    await h.services.notes.saveDraft(
      note.id,
      filledDraft({ subjective: 'Typed after the last save.' }),
      saved.updatedAt,
    );
    expect(await h.services.notes.heldDraft(note.id)).toBeNull();
    expect(h.session.vault.list(kinds.heldDraft)).toHaveLength(0);
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
    await expectKind(h.services.notes.holdDraft('no-such-note', { sections: {} }, null), 'not-found');
    expect(h.session.vault.list(kinds.heldDraft)).toHaveLength(0);
  });
});
