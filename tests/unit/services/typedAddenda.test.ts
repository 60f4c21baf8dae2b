import { describe, expect, it } from 'vitest';
import { contentHashOf } from '../../../main/services/NoteService';
import { addendumKindLabel, newAddendumSchema } from '../../../shared/domain/addendumKinds';
import { type Addendum, addendumSchema, noteSchema } from '../../../shared/domain/noteSchema';
import { contract } from '../../../shared/ipc/contract';
import { clientWithNote, expectKind, filledDraft, hashTree, openServices } from './serviceKit';

async function signedNote() {
  const harness = await openServices();
  const { note } = await clientWithNote(harness.services);
  await harness.services.notes.saveDraft(note.id, filledDraft());
  const signed = await harness.services.notes.sign(note.id);
  return { ...harness, signed };
}

describe('typed addenda (issue 15)', () => {
  it('stores the type and reason with the text; the signed content and its signature stay valid', async () => {
    const { services, session, signed } = await signedNote();
    const updated = await services.notes.addAddendum(signed.id, {
      type: 'correction',
      reason: '  Client phoned with the correct date.  ',
      text: 'The move was on 3 March, not 3 May.',
    });
    expect(updated.addenda).toHaveLength(1);
    expect(updated.addenda[0]).toMatchObject({
      type: 'correction',
      reason: 'Client phoned with the correct date.',
      text: 'The move was on 3 March, not 3 May.',
      by: signed.signed?.by,
    });
    // Nothing signed changed: the same signature, and the content still hashes to it.
    expect(updated.signed).toEqual(signed.signed);
    expect(contentHashOf(updated)).toBe(signed.signed?.contentHash);
    expect(noteSchema.safeParse(await services.notes.get(signed.id)).success).toBe(true);
    // The audit entry names the addendum and its type.
    const entry = (await session.vault.readAudit()).find((e) => e.type === 'addendum');
    expect(entry?.detail).toMatchObject({ id: signed.id, addendumType: 'correction' });

    // Each type in turn; the note keeps every one, in order.
    await services.notes.addAddendum(signed.id, {
      type: 'clarification',
      reason: 'Supervisor asked what “the usual” meant.',
      text: '“The usual” is the Sunday call with her mother.',
    });
    const last = await services.notes.addAddendum(signed.id, {
      type: 'late-entry',
      reason: 'Left out of the note at the time.',
      text: 'Client mentioned a new prescription from her GP.',
    });
    expect(last.addenda.map((a) => a.type)).toEqual(['correction', 'clarification', 'late-entry']);
    expect(contentHashOf(last)).toBe(signed.signed?.contentHash);
  });

  it('refuses an addendum without a type or a reason, saying what is missing, and writes nothing', async () => {
    const { services, location, signed } = await signedNote();
    const before = await hashTree(location);
    const noType = { reason: 'Because.', text: 'Text.' } as unknown as Parameters<
      typeof services.notes.addAddendum
    >[1];
    expect(await expectKind(services.notes.addAddendum(signed.id, noType), 'invalid-input')).toMatch(
      /Choose what this addendum is: a correction, a clarification or a late entry/,
    );
    expect(
      await expectKind(
        services.notes.addAddendum(signed.id, { type: 'correction', reason: '   ', text: 'Text.' }),
        'invalid-input',
      ),
    ).toMatch(/Write the reason for this addendum/);
    expect(
      await expectKind(
        services.notes.addAddendum(signed.id, { type: 'correction', reason: 'Why.', text: ' ' }),
        'invalid-input',
      ),
    ).toMatch(/Write the text of the addendum/);
    const wrongType = { type: 'amendment', reason: 'Why.', text: 'Text.' } as unknown as Parameters<
      typeof services.notes.addAddendum
    >[1];
    await expectKind(services.notes.addAddendum(signed.id, wrongType), 'invalid-input');
    expect((await services.notes.get(signed.id)).addenda).toEqual([]);
    expect(await hashTree(location)).toEqual(before);
  });

  it('still refuses a typed addendum on a draft', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    await expectKind(
      services.notes.addAddendum(note.id, { type: 'clarification', reason: 'Why.', text: 'Text.' }),
      'conflict',
    );
  });

  it('checks type, reason and text at the IPC boundary too', () => {
    const input = contract['notes:addAddendum'].input;
    const result = input.safeParse({ id: 'n1', text: 'Text.' });
    expect(result.success).toBe(false);
    const messages = result.success
      ? []
      : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual([
      'type: Choose what this addendum is: a correction, a clarification or a late entry.',
      'reason: Write the reason for this addendum.',
    ]);
    expect(input.parse({ id: 'n1', type: 'late-entry', reason: 'Left out.', text: 'Text.' })).toEqual({
      id: 'n1',
      type: 'late-entry',
      reason: 'Left out.',
      text: 'Text.',
    });
    expect(
      newAddendumSchema.safeParse({ type: 'correction', reason: 'x'.repeat(1001), text: 'T' }).success,
    ).toBe(false);
  });

  it('states each limit once: a new addendum and a stored one refuse the same things in the same words', () => {
    const stored = { id: 'a1', at: '2026-03-05T10:00:00.000Z', by: 'Dr M. Rossi' };
    const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
      result.error?.issues.map((i) => i.message) ?? [];
    for (const fields of [
      { type: 'correction', reason: 'x'.repeat(1001), text: 'T' },
      { type: 'correction', reason: 'Why.', text: 'x'.repeat(200_001) },
      { type: 'correction', reason: 'Why.', text: '  ' },
      { type: 'amendment', reason: 'Why.', text: 'T' },
    ]) {
      const fresh = messages(newAddendumSchema.safeParse(fields));
      expect(fresh).toHaveLength(1);
      expect(messages(addendumSchema.safeParse({ ...stored, ...fields }))).toEqual(fresh);
    }
    // Only what a new addendum must carry differs: a stored one from before types has none.
    expect(addendumSchema.safeParse({ ...stored, text: 'Old.' }).success).toBe(true);
    expect(newAddendumSchema.safeParse({ type: 'correction', reason: ' ', text: 'T' }).success).toBe(false);
  });

  it('reads addenda written before types as “Addendum”', () => {
    expect(addendumKindLabel({})).toBe('Addendum');
    expect(addendumKindLabel({ type: 'correction' })).toBe('Correction');
    expect(addendumKindLabel({ type: 'late-entry' })).toBe('Late entry');
    const old: Addendum = {
      id: 'a1',
      at: '2025-03-15T08:00:00Z',
      by: 'Dr M. Rossi',
      text: 'Client called to add…',
    };
    expect(addendumKindLabel(old)).toBe('Addendum');
  });
});
