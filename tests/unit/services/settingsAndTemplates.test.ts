import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settingsSchema';
import { builtInTemplates } from '../../../shared/domain/templates';
import { expectKind, openServices, PASS } from './serviceKit';

describe('SettingsService', () => {
  it('gives the defaults until something is stored', async () => {
    const { services, session } = await openServices({}, null);
    expect(await services.settings.get()).toEqual(defaultSettings());
    expect(session.vault.list('setting')).toEqual([]);
  });

  it('merges an update over the stored settings and keeps it across unlocks', async () => {
    const { services, session } = await openServices({}, null);
    await services.settings.update({ autoLockMinutes: 5 });
    const updated = await services.settings.update({ clinicianName: '  Dr. Example  ' });
    expect(updated).toEqual({ ...defaultSettings(), autoLockMinutes: 5, clinicianName: 'Dr. Example' });
    expect(session.vault.list('setting')).toEqual([{ kind: 'setting', id: 'settings', rev: 2 }]);
    await session.lock('user');
    await session.unlock({ passphrase: PASS });
    expect(await services.settings.get()).toEqual(updated);
  });

  it('refuses an invalid update with a readable message and stores nothing', async () => {
    const { services } = await openServices();
    await services.settings.update({ autoLockMinutes: 5 });
    const message = await expectKind(services.settings.update({ autoLockMinutes: 0 }), 'invalid-input');
    expect(message).toBe('autoLockMinutes: Enter an auto-lock time in whole minutes from 1 to 240.');
    const taken = await expectKind(
      services.settings.update({
        ruptureVocabulary: {
          markers: [{ id: 'denial', type: 'withdrawal', label: 'Mine', description: '' }],
          strategies: [],
        },
      }),
      'invalid-input',
    );
    expect(taken).toContain('already in use');
    expect((await services.settings.get()).autoLockMinutes).toBe(5);
  });
});

describe('TemplateService', () => {
  it('lists the built-in templates, then the user’s own', async () => {
    const { services } = await openServices();
    expect(await services.templates.list()).toEqual(builtInTemplates);
    const mine = await services.templates.create({
      baseId: 'soap',
      name: 'SOAP without feedback',
      description: 'For groups.',
      includes: { feedback: false },
    });
    expect(mine).toMatchObject({
      name: 'SOAP without feedback',
      description: 'For groups.',
      builtIn: false,
      includes: { feedback: false, attunement: true, plan: true },
    });
    expect(mine.baseSections).toEqual(builtInTemplates.find((t) => t.id === 'soap')?.baseSections);
    expect(await services.templates.list()).toEqual([...builtInTemplates, mine]);
    // A template made from a user template.
    const derived = await services.templates.create({ baseId: mine.id, name: 'Derived' });
    expect(derived.includes.feedback).toBe(false);
  });

  it('refuses unknown bases, duplicate names and invalid sections', async () => {
    const { services } = await openServices();
    await expectKind(services.templates.create({ baseId: 'nope', name: 'X' }), 'not-found');
    await expectKind(services.templates.create({ baseId: 'soap', name: 'soap' }), 'conflict');
    const message = await expectKind(
      services.templates.create({
        baseId: 'soap',
        name: 'Twice',
        baseSections: [
          { id: 'a', label: 'A', prompt: '' },
          { id: 'a', label: 'B', prompt: '' },
        ],
      }),
      'invalid-input',
    );
    expect(message).toContain('Each section of a template needs its own id.');
  });
});
