import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  builtInTemplate,
  builtInTemplates,
  deriveTemplate,
  includableSectionIds,
  templateSchema,
} from '../../../shared/domain';
import { issuesOf } from './zodIssues';

describe('templates', () => {
  it('ships Narrative, SOAP, DAP and BIRP with their base sections', () => {
    expect(builtInTemplates.map((t) => [t.id, t.name])).toEqual([
      ['narrative', 'Narrative'],
      ['soap', 'SOAP'],
      ['dap', 'DAP'],
      ['birp', 'BIRP'],
    ]);
    const sections = (id: string) => builtInTemplate(id)?.baseSections.map((s) => s.id);
    expect(sections('narrative')).toEqual(['narrative']);
    expect(sections('soap')).toEqual(['subjective', 'objective', 'assessment']);
    expect(sections('dap')).toEqual(['data', 'assessment']);
    expect(sections('birp')).toEqual(['behavior', 'intervention', 'response']);
  });

  it('has every built-in carry attunement, ruptures, participation, feedback and plan', () => {
    for (const t of builtInTemplates) {
      for (const section of includableSectionIds)
        expect(t.includes[section], `${t.id} ${section}`).toBe(true);
      expect(t.builtIn).toBe(true);
      expect(templateSchema.parse(t)).toEqual(t);
      for (const s of t.baseSections) expect(s.prompt.length).toBeGreaterThan(20);
    }
  });

  it('derives a user template, keeping what is not changed', () => {
    const soap = builtInTemplate('soap')!;
    const mine = deriveTemplate(soap, '  SOAP without feedback ', {
      id: 'tpl-1',
      includes: { feedback: false },
    });
    expect(mine).toEqual({
      ...soap,
      id: 'tpl-1',
      name: 'SOAP without feedback',
      builtIn: false,
      includes: { ...soap.includes, feedback: false },
    });
    expect(mine.baseSections).not.toBe(soap.baseSections);

    const extra = deriveTemplate(mine, 'SOAP + risk', {
      id: 'tpl-2',
      description: 'With a risk section.',
      baseSections: [
        ...soap.baseSections,
        { id: 'risk', label: 'Risk', prompt: 'Current risk and safety plan.' },
      ],
    });
    expect(extra.baseSections.map((s) => s.id)).toEqual(['subjective', 'objective', 'assessment', 'risk']);
    expect(extra.includes.feedback).toBe(false);
  });

  it('refuses an invalid derived template with a clear message', () => {
    const soap = builtInTemplate('soap')!;
    expect(() => deriveTemplate(soap, '', { id: 'tpl-3' })).toThrow(ZodError);
    expect(() => deriveTemplate(soap, '', { id: 'tpl-3' })).toThrow(
      'Give the template a name (up to 80 characters).',
    );
    const dup = [...soap.baseSections, soap.baseSections[0]!];
    expect(() => deriveTemplate(soap, 'Dup', { id: 'tpl-4', baseSections: dup })).toThrow(
      'Each section of a template needs its own id.',
    );
  });

  it('validates user templates', () => {
    const base = { ...builtInTemplate('dap')!, id: 'u1', builtIn: false };
    expect(issuesOf(templateSchema, { ...base, baseSections: [] })).toEqual([
      'baseSections: A template needs at least one section of its own.',
    ]);
    expect(
      issuesOf(templateSchema, { ...base, baseSections: [{ id: 'Bad Id', label: 'X', prompt: '' }] }),
    ).toEqual([
      'baseSections.0.id: A section id starts with a lower-case letter and has up to 40 lower-case letters, digits or dashes.',
    ]);
    expect(
      issuesOf(templateSchema, { ...base, baseSections: [{ id: 'x', label: ' ', prompt: '' }] }),
    ).toEqual(['baseSections.0.label: Give the section a heading.']);
    expect(issuesOf(templateSchema, { ...base, name: 'n'.repeat(81) })).toEqual([
      'name: Give the template a name (up to 80 characters).',
    ]);
  });
});
