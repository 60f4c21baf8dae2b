import { describe, expect, it } from 'vitest';
import { builtInTemplate } from '../../../shared/domain/templates';
import { clientInput, expectKind, openServices, PASS, sessionInput } from './serviceKit';

describe('TemplateService: duplicate, edit, remove', () => {
  it('duplicates a built-in template under a free name, as the user’s own', async () => {
    const { services } = await openServices();
    const first = await services.templates.duplicate('soap');
    const second = await services.templates.duplicate('soap');
    expect(first).toMatchObject({ name: 'SOAP (copy)', builtIn: false });
    expect(second.name).toBe('SOAP (copy 2)');
    expect(first.baseSections).toEqual(builtInTemplate('soap')?.baseSections);
    expect(first.id).not.toBe(second.id);
  });

  it('edits the user’s own sections (add, rename, reorder, remove) and keeps them across unlocks', async () => {
    const { services, session } = await openServices();
    const copy = await services.templates.duplicate('dap');
    const edited = await services.templates.update(copy.id, {
      name: 'Couples DAP',
      baseSections: [
        { id: 'assessment', label: 'Formulation', prompt: 'What the data mean for the couple.' },
        { id: 'own-cycle', label: 'The cycle', prompt: 'Pursue and withdraw: who did what.' },
      ],
      includes: { ruptures: false },
    });
    expect(edited).toMatchObject({
      id: copy.id,
      name: 'Couples DAP',
      includes: { ruptures: false, plan: true },
    });
    expect(edited.baseSections.map((s) => s.label)).toEqual(['Formulation', 'The cycle']);
    await session.lock('user');
    await session.unlock({ passphrase: PASS });
    expect((await services.templates.list()).find((t) => t.id === copy.id)).toEqual(edited);
  });

  it('refuses to edit or remove a built-in template, and a name already taken', async () => {
    const { services } = await openServices();
    expect(await expectKind(services.templates.update('soap', { name: 'Mine' }), 'invalid-input')).toBe(
      'The built-in template “SOAP” can’t be changed. Duplicate it and change the copy.',
    );
    await expectKind(services.templates.remove('birp'), 'invalid-input');
    const copy = await services.templates.duplicate('birp');
    await expectKind(services.templates.update(copy.id, { name: 'dap' }), 'conflict');
    // Its own name, in another case, is not "taken".
    expect((await services.templates.update(copy.id, { name: 'birp (COPY)' })).name).toBe('birp (COPY)');
    const empty = await expectKind(services.templates.update(copy.id, { baseSections: [] }), 'invalid-input');
    expect(empty).toContain('at least one section');
  });

  it('removes an unused template, and refuses a used one saying how many notes use it', async () => {
    const { services, session } = await openServices();
    const used = await services.templates.duplicate('soap');
    const unused = await services.templates.duplicate('dap');
    const client = await services.clients.create(clientInput('C-01'));
    for (const day of ['2025-03-10T09:00:00Z', '2025-03-11T09:00:00Z']) {
      const s = await services.sessions.create(sessionInput(client.id, day));
      await services.notes.create(s.id, used.id);
    }
    expect(await services.templates.usage()).toEqual({ [used.id]: 2 });
    const message = await expectKind(services.templates.remove(used.id), 'conflict');
    expect(message).toContain('“SOAP (copy)” is used by 2 notes');
    await services.templates.remove(unused.id);
    const ids = (await services.templates.list()).map((t) => t.id);
    expect(ids).toContain(used.id);
    expect(ids).not.toContain(unused.id);
    // Gone from the vault itself, not only from this process's cache.
    await session.lock('user');
    await session.unlock({ passphrase: PASS });
    expect((await services.templates.list()).map((t) => t.id)).not.toContain(unused.id);
    await expectKind(services.templates.remove(unused.id), 'not-found');
  });
});
