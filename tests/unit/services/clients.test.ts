import { describe, expect, it } from 'vitest';
import { clientInput, expectKind, openServices, PASS } from './serviceKit';

describe('ClientService', () => {
  it('creates, lists by code, updates and closes clients', async () => {
    const { services } = await openServices();
    const b = await services.clients.create(clientInput('C-10'));
    const a = await services.clients.create(clientInput('C-2', { displayName: 'R. M.' }));
    expect(a).toMatchObject({ code: 'C-2', displayName: 'R. M.', status: 'active', concerns: ['Low mood'] });
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.createdAt).toBe(a.updatedAt);
    // Numeric-aware order: C-2 before C-10.
    expect((await services.clients.list()).map((c) => c.code)).toEqual(['C-2', 'C-10']);

    const edited = await services.clients.update(b.id, { goals: ['Sleep through the night'], code: 'C-11' });
    expect(edited).toMatchObject({
      id: b.id,
      code: 'C-11',
      goals: ['Sleep through the night'],
      concerns: ['Low mood'],
    });
    expect(edited.createdAt).toBe(b.createdAt);
    expect(edited.updatedAt > b.updatedAt).toBe(true);

    const closed = await services.clients.setStatus(a.id, 'closed');
    expect(closed.status).toBe('closed');
    expect((await services.clients.setStatus(a.id, 'active')).status).toBe('active');
    expect(await services.clients.list()).toHaveLength(2);
  });

  it('refuses a code already in use, ignoring case, on create and on update', async () => {
    const { services } = await openServices();
    await services.clients.create(clientInput('C-01'));
    const other = await services.clients.create(clientInput('C-02'));
    expect(await expectKind(services.clients.create(clientInput('c-01')), 'conflict')).toBe(
      'A client with code C-01 already exists.',
    );
    await expectKind(services.clients.update(other.id, { code: 'C-01' }), 'conflict');
    // Renaming a client to its own code in another case is fine.
    expect((await services.clients.update(other.id, { code: 'c-02' })).code).toBe('c-02');
    expect(await services.clients.list()).toHaveLength(2);
  });

  it('refuses concurrent creates of one code: exactly one wins', async () => {
    const { services } = await openServices();
    const results = await Promise.allSettled([
      services.clients.create(clientInput('C-07')),
      services.clients.create(clientInput('c-07')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await services.clients.list()).toHaveLength(1);
  });

  it('validates what it stores and reports unknown ids', async () => {
    const { services } = await openServices();
    const message = await expectKind(
      services.clients.create(clientInput('no spaces allowed')),
      'invalid-input',
    );
    expect(message).toContain(
      'code: A client code can only contain letters A–Z (without accents), digits, dashes or underscores: take out the spaces.',
    );
    await expectKind(services.clients.update('missing', { goals: [] }), 'not-found');
    await expectKind(services.clients.setStatus('missing', 'closed'), 'not-found');
  });

  it('audits create and update with kind and id only, never a name or code', async () => {
    const { services, session } = await openServices();
    const c = await services.clients.create(clientInput('SECRETCODE', { displayName: 'Secret Name' }));
    await services.clients.update(c.id, { displayName: 'Other Secret' });
    const audit = await session.vault.readAudit();
    const mine = audit.filter((e) => e.detail.kind === 'client');
    expect(mine.map((e) => e.type)).toEqual(['create', 'update']);
    expect(mine.every((e) => e.detail.id === c.id)).toBe(true);
    expect(JSON.stringify(audit)).not.toMatch(/SECRET|Secret/i);
  });

  it('keeps clients across lock and unlock', async () => {
    const { services, session } = await openServices();
    const c = await services.clients.create(clientInput('C-01'));
    await session.lock('user');
    await session.unlock({ passphrase: PASS });
    expect(await services.clients.list()).toEqual([c]);
  });
});
