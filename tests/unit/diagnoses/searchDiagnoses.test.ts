import { describe, expect, it } from 'vitest';
import { foldText, searchDiagnoses } from '../../../shared/diagnoses/searchDiagnoses';

const codes = (query: string, limit?: number) => searchDiagnoses(query, { limit }).map((hit) => hit.code);

describe('searchDiagnoses', () => {
  it('ranks the codes under a typed code first, in code order', () => {
    expect(codes('F41')).toEqual(['F41.0', 'F41.1', 'F41.3', 'F41.8', 'F41.9']);
    expect(codes('f43.1')).toEqual(['F43.10', 'F43.11', 'F43.12']);
    expect(codes('F4311')).toEqual(['F43.11']);
    expect(codes('Z91.5')).toEqual(['Z91.51', 'Z91.52']);
    expect(codes('F4', 50)[0]).toBe('F40.00');
  });

  it('finds F41.1 first from its words, whole or begun, in any case or accent', () => {
    for (const query of ['generalized anxiety', 'Generalized Anxiety', 'gen anx', 'généralized ANXIÉTY']) {
      expect(codes(query)[0], query).toBe('F41.1');
    }
    expect(codes('anxiety disorder generalized')[0]).toBe('F41.1');
  });

  it('meets words by their stem and abbreviations by what they stand for', () => {
    expect(codes('recurrent depression')).toContain('F33.1');
    expect(codes('PTSD')).toEqual(['F43.10', 'F43.11', 'F43.12']);
    expect(codes('gad')[0]).toBe('F41.1');
    expect(codes('adhd combined')).toEqual(['F90.2']);
    expect(codes('borderline')).toEqual(['F60.3']);
  });

  it('finds the Z codes therapists use', () => {
    expect(codes('self-harm')).toContain('Z91.52');
    expect(codes('spouse partner')[0]).toBe('Z63.0');
    expect(codes('divorce')).toEqual(['Z63.5']);
    expect(codes('homeless')).toEqual(expect.arrayContaining(['Z59.00', 'Z59.01', 'Z59.02']));
  });

  it('puts an exact word ahead of a word it begins, and a short title ahead of a long one', () => {
    const panic = codes('panic');
    expect(panic[0]).toBe('F41.0');
    expect(panic).toContain('F40.01');
    expect(codes('depression')[0]).toBe('F32.A');
  });

  it('requires every term, and finds nothing for nothing', () => {
    expect(codes('generalized xylophone')).toEqual([]);
    expect(codes('')).toEqual([]);
    expect(codes('  ,;  ')).toEqual([]);
    expect(codes('F41 panic')).toEqual(['F41.0']);
    expect(codes('anxiety', 3)).toHaveLength(3);
  });

  it('folds text for matching', () => {
    expect(foldText('Post-traumatic  Stress, ÉTAT')).toBe('post traumatic stress etat');
  });
});
