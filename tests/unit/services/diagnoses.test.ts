import { describe, expect, it } from 'vitest';
import type { DiagnosisSaveInput } from '../../../shared/ipc/contract';
import { diagnosisSaveInput } from '../../../shared/ipc/contracts/diagnosisContract';
import { clientInput, expectKind, openServices } from './serviceKit';

function input(clientId: string, extra: Partial<DiagnosisSaveInput> = {}): DiagnosisSaveInput {
  return {
    clientId,
    code: 'F41.1',
    rank: 'primary',
    status: 'active',
    diagnosedOn: '2025-02-01',
    endedOn: null,
    comment: '',
    expectedUpdatedAt: null,
    ...extra,
  };
}

/** Saves as the router would: the input parsed by the contract's schema first. */
async function withClient() {
  const harness = await openServices();
  const client = await harness.services.clients.create(clientInput('DX-01'));
  const save = (value: DiagnosisSaveInput) =>
    harness.services.diagnoses.save(diagnosisSaveInput.parse(value));
  return { ...harness, client, save };
}

describe('DiagnosisService', () => {
  it('saves a diagnosis with the shipped title, lists it, and audits the write', async () => {
    const { services, session, client, save } = await withClient();
    const saved = await save(input(client.id, { code: ' f41.1 ' }));
    expect(saved).toMatchObject({
      clientId: client.id,
      code: 'F41.1',
      description: 'Generalized anxiety disorder',
      rank: 'primary',
      status: 'active',
      diagnosedOn: '2025-02-01',
      endedOn: null,
    });
    expect(await services.diagnoses.list(client.id)).toEqual([saved]);
    const audit = (await session.vault.readAudit()).filter((e) => e.detail.kind === 'diagnosis');
    expect(audit.map((e) => [e.type, e.detail.id, e.detail.clientId])).toEqual([
      ['create', saved.id, client.id],
    ]);
  });

  it('keeps at most one current primary per client, with a message that says what to do', async () => {
    const { services, client, save } = await withClient();
    const gad = await save(input(client.id));
    const message = await expectKind(save(input(client.id, { code: 'F32.A' })), 'conflict');
    expect(message).toBe(
      'F41.1 Generalized anxiety disorder is already this client’s primary diagnosis. Save this one as secondary, or first make F41.1 secondary or mark it resolved.',
    );
    // A provisional primary counts as current too.
    await expectKind(save(input(client.id, { code: 'F32.A', status: 'provisional' })), 'conflict');
    // Secondary, resolved or ruled out: no conflict.
    const depression = await save(input(client.id, { code: 'F32.A', rank: 'secondary' }));
    await save(input(client.id, { code: 'F43.10', status: 'ruled-out', endedOn: '2025-02-20' }));
    // Once the first primary is resolved, the other may become primary.
    await save(
      input(client.id, {
        id: gad.id,
        status: 'resolved',
        endedOn: '2025-03-01',
        expectedUpdatedAt: gad.updatedAt,
      }),
    );
    const promoted = await save(
      input(client.id, { id: depression.id, code: 'F32.A', expectedUpdatedAt: depression.updatedAt }),
    );
    expect(promoted.rank).toBe('primary');
    // Another client's primary is no concern of this one's.
    const other = await services.clients.create(clientInput('DX-02'));
    await save(input(other.id));
  });

  it('lists the current primary first, then current ones, then ended ones, newest first', async () => {
    const { services, client, save } = await withClient();
    await save(input(client.id, { code: 'Z63.0', rank: 'secondary', diagnosedOn: '2025-01-10' }));
    await save(
      input(client.id, { code: 'F43.10', status: 'resolved', endedOn: '2025-03-01', rank: 'secondary' }),
    );
    await save(input(client.id, { code: 'F41.1', diagnosedOn: '2024-11-02' }));
    await save(
      input(client.id, {
        code: 'Z91.52',
        rank: 'secondary',
        status: 'provisional',
        diagnosedOn: '2025-03-02',
      }),
    );
    await save(input(client.id, { code: 'F90.0', rank: 'secondary', diagnosedOn: '2025-02-10' }));
    const codes = (await services.diagnoses.list(client.id)).map((d) => d.code);
    expect(codes).toEqual(['F41.1', 'F90.0', 'Z63.0', 'Z91.52', 'F43.10']);
  });

  it('refuses codes it does not ship, dates in the future, and end dates that do not fit', async () => {
    const { client, save, services } = await withClient();
    expect(await expectKind(save(input(client.id, { code: 'F41.7' })), 'invalid-input')).toContain(
      'F41.7 is not a billable ICD-10-CM code Attune knows',
    );
    // A category with codes under it is not billable.
    await expectKind(save(input(client.id, { code: 'F41' })), 'invalid-input');
    expect(
      await expectKind(save(input(client.id, { diagnosedOn: '2030-01-01' })), 'invalid-input'),
    ).toContain('in the future');
    const endedWhileActive = diagnosisSaveInput.safeParse(input(client.id, { endedOn: '2025-03-01' }));
    expect(endedWhileActive.error?.issues[0]?.message).toContain(
      'An active or provisional diagnosis has no end date',
    );
    const endedBefore = diagnosisSaveInput.safeParse(
      input(client.id, { status: 'resolved', diagnosedOn: '2025-02-01', endedOn: '2025-01-01' }),
    );
    expect(endedBefore.error?.issues[0]?.message).toBe('The end date can’t be before the diagnosis date.');
    expect(await services.diagnoses.list(client.id)).toEqual([]);
  });

  it('edits over the version it started from only, keeping the chosen title while the code stays', async () => {
    const { services, session, client, save } = await withClient();
    const saved = await save(input(client.id));
    const edited = await save(
      input(client.id, {
        id: saved.id,
        status: 'provisional',
        comment: 'Review after the GAD-7',
        expectedUpdatedAt: saved.updatedAt,
      }),
    );
    expect(edited).toMatchObject({ id: saved.id, status: 'provisional', createdAt: saved.createdAt });
    expect(edited.updatedAt > saved.updatedAt).toBe(true);
    // A second window still holding the first version is refused, not saved over the edit.
    expect(
      await expectKind(
        save(input(client.id, { id: saved.id, expectedUpdatedAt: saved.updatedAt })),
        'conflict',
      ),
    ).toContain('saved again elsewhere');
    const recoded = await save(
      input(client.id, { id: saved.id, code: 'F41.0', expectedUpdatedAt: edited.updatedAt }),
    );
    expect(recoded.description).toBe('Panic disorder [episodic paroxysmal anxiety]');
    const types = (await session.vault.readAudit())
      .filter((e) => e.detail.kind === 'diagnosis')
      .map((e) => e.type);
    expect(types).toEqual(['create', 'update', 'update']);
    expect(await services.diagnoses.list(client.id)).toHaveLength(1);
  });

  it('deletes a diagnosis entered by mistake, audited; a second delete says it is gone', async () => {
    const { services, session, client, save } = await withClient();
    const saved = await save(input(client.id));
    await services.diagnoses.delete(saved.id);
    expect(await services.diagnoses.list(client.id)).toEqual([]);
    await expectKind(services.diagnoses.delete(saved.id), 'not-found');
    await expectKind(
      save(input(client.id, { id: saved.id, expectedUpdatedAt: saved.updatedAt })),
      'not-found',
    );
    const types = (await session.vault.readAudit())
      .filter((e) => e.detail.kind === 'diagnosis')
      .map((e) => e.type);
    expect(types).toEqual(['create', 'delete']);
  });

  it('refuses a client that does not exist, and keeps the diagnoses across a lock', async () => {
    const { services, session, client, save } = await withClient();
    await expectKind(save(input('no-such-client')), 'not-found');
    const saved = await save(input(client.id));
    await session.lock('quit');
    await session.unlock({ passphrase: 'a long enough test passphrase' });
    expect(await services.diagnoses.list(client.id)).toEqual([saved]);
  });

  it('searches the shipped codes', async () => {
    const { services } = await withClient();
    expect(services.diagnoses.search('F41', 2).map((c) => c.code)).toEqual(['F41.0', 'F41.1']);
    expect(services.diagnoses.search('generalized anxiety')[0]).toEqual({
      code: 'F41.1',
      title: 'Generalized anxiety disorder',
    });
  });
});
