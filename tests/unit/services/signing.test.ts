import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHashOf } from '../../../main/services/NoteService';
import { noteSchema } from '../../../shared/domain/noteSchema';
import { signableContent } from '../../../shared/domain/signableContent';
import {
  clientWithNote,
  expectKind,
  filledDraft,
  hashTree,
  openServices,
  PASS,
  TEST_CLINICIAN,
} from './serviceKit';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('NoteService: signing and addenda', () => {
  it('signs with who, when and the hash of the signed content, and audits it', async () => {
    const { services, session } = await openServices();
    await services.settings.update({ clinicianName: 'Dr. Ada Example' });
    const { note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft());
    const signed = await services.notes.sign(note.id);

    expect(signed.status).toBe('signed');
    expect(signed.signed?.by).toBe('Dr. Ada Example');
    expect(signed.signed?.at).toBe(signed.updatedAt);
    const stored = await services.notes.get(note.id);
    expect(stored).toEqual(signed);
    expect(signed.signed?.contentHash).toBe(sha256(signableContent(stored)));
    expect(noteSchema.safeParse(stored).success).toBe(true);

    const entry = (await session.vault.readAudit()).find((e) => e.type === 'sign');
    expect(entry?.detail).toMatchObject({ id: note.id, contentHash: signed.signed?.contentHash });
  });

  it('refuses to sign or add an addendum without a clinician name, and never records a placeholder', async () => {
    const { services } = await openServices({}, null);
    const { note } = await clientWithNote(services);
    const message = await expectKind(services.notes.sign(note.id), 'invalid-input');
    expect(message).toMatch(/Enter your name before signing/);
    expect((await services.notes.get(note.id)).status).toBe('draft');
    await services.settings.update({ clinicianName: '  Dr. Rivera  ' });
    expect((await services.notes.sign(note.id)).signed?.by).toBe('Dr. Rivera');
    await services.settings.update({ clinicianName: '' });
    await expectKind(
      services.notes.addAddendum(note.id, {
        type: 'clarification',
        reason: 'Added after signing.',
        text: 'A correction.',
      }),
      'invalid-input',
    );
    expect((await services.notes.get(note.id)).addenda).toEqual([]);
  });

  it('is final: every call that would change the content is refused and nothing on disk changes', async () => {
    const { services, session, location } = await openServices();
    const { note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft());
    const signed = await services.notes.sign(note.id);
    const rev = session.vault.list('note')[0]?.rev;
    const before = await hashTree(location);

    const changed = filledDraft({ subjective: 'Rewritten after the fact.' });
    expect(await expectKind(services.notes.saveDraft(note.id, changed), 'read-only')).toBe(
      'This note is signed and can’t be changed; add an addendum instead.',
    );
    await expectKind(services.notes.saveDraft(note.id, filledDraft()), 'read-only');
    await expectKind(services.notes.sign(note.id), 'conflict');
    await expectKind(services.notes.create(note.sessionId, 'soap'), 'conflict');

    expect(await hashTree(location)).toEqual(before);
    expect(session.vault.list('note')[0]?.rev).toBe(rev);
    expect(await services.notes.get(note.id)).toEqual(signed);

    // Still final after lock and unlock (nothing depended on in-memory state).
    await session.lock('user');
    await session.unlock({ passphrase: PASS });
    await expectKind(services.notes.saveDraft(note.id, changed), 'read-only');
    expect(await services.notes.get(note.id)).toEqual(signed);
  });

  it('a save racing a sign either lands before the signature or is refused', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    const [sign, save] = await Promise.allSettled([
      services.notes.sign(note.id),
      services.notes.saveDraft(note.id, filledDraft()),
    ]);
    expect(sign.status).toBe('fulfilled');
    expect(save.status).toBe('rejected');
    const stored = await services.notes.get(note.id);
    expect(stored.signed?.contentHash).toBe(contentHashOf(stored));
  });

  it('attaches dated addenda to a signed note without touching the signature', async () => {
    const { services, session } = await openServices();
    const { note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft());
    const signed = await services.notes.sign(note.id);

    const first = await services.notes.addAddendum(note.id, {
      type: 'clarification',
      reason: 'Added after signing.',
      text: 'Client phoned: the sister is her older sister.',
    });
    const second = await services.notes.addAddendum(note.id, {
      type: 'clarification',
      reason: 'Added after signing.',
      text: 'Corrected: session ran 55 minutes.',
    });
    expect(second.addenda).toHaveLength(2);
    const [a, b] = second.addenda;
    expect(a).toMatchObject({ by: TEST_CLINICIAN, text: 'Client phoned: the sister is her older sister.' });
    expect(a?.id).not.toBe(b?.id);
    expect(Date.parse(a!.at)).toBeGreaterThan(Date.parse(signed.signed!.at));
    expect(Date.parse(b!.at)).toBeGreaterThan(Date.parse(a!.at));
    expect(first.addenda).toEqual([a]);

    const stored = await services.notes.get(note.id);
    expect(stored.signed).toEqual(signed.signed);
    expect(stored.status).toBe('signed');
    // The signed content is exactly what was signed: the recorded hash still verifies.
    expect(sha256(signableContent(stored))).toBe(signed.signed?.contentHash);
    await expectKind(services.notes.saveDraft(note.id, filledDraft()), 'read-only');

    const audit = await session.vault.readAudit();
    expect(audit.filter((e) => e.type === 'addendum').map((e) => e.detail.id)).toEqual([note.id, note.id]);
  });

  it('refuses addenda on drafts and empty addenda', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    expect(
      await expectKind(
        services.notes.addAddendum(note.id, {
          type: 'clarification',
          reason: 'Added after signing.',
          text: 'Too early.',
        }),
        'conflict',
      ),
    ).toMatch(/Only a signed note takes addenda/);
    await services.notes.sign(note.id);
    await expectKind(
      services.notes.addAddendum(note.id, {
        type: 'clarification',
        reason: 'Added after signing.',
        text: '   ',
      }),
      'invalid-input',
    );
    await expectKind(
      services.notes.addAddendum('no-such-note', {
        type: 'clarification',
        reason: 'Added after signing.',
        text: 'Text.',
      }),
      'not-found',
    );
  });

  it('keeps taking addenda after a custom marker the note used is removed from the settings', async () => {
    const { services } = await openServices();
    const custom = {
      id: 'looks-at-clock',
      type: 'withdrawal' as const,
      label: 'Looks at the clock',
      description: '',
    };
    await services.settings.update({ ruptureVocabulary: { markers: [custom], strategies: [] } });
    const { note } = await clientWithNote(services);
    const draft = filledDraft();
    draft.ruptures[0]!.markers = ['looks-at-clock'];
    await services.notes.saveDraft(note.id, draft);
    await services.notes.sign(note.id);
    await services.settings.update({ ruptureVocabulary: { markers: [], strategies: [] } });
    const withAddendum = await services.notes.addAddendum(note.id, {
      type: 'clarification',
      reason: 'Added after signing.',
      text: 'Late correction.',
    });
    expect(withAddendum.addenda).toHaveLength(1);
    expect(withAddendum.ruptures[0]?.markers).toEqual(['looks-at-clock']);
  });
});
