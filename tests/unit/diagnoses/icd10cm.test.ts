import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeKey, findIcdCode, icdCodes } from '../../../shared/diagnoses/icd10cm';
import { icd10cmCodes } from '../../../shared/diagnoses/icd10cmCodes';

const root = join(__dirname, '../../..');

describe('the shipped ICD-10-CM codes', () => {
  it('hold the whole F chapter and the chosen Z categories, with the real counts', () => {
    const count = (prefix: RegExp) => icdCodes.filter(({ code }) => prefix.test(code)).length;
    // Counted from the CMS/CDC code list (build/icd10cm/source.txt): billable codes only.
    expect(count(/^F/)).toBe(872);
    expect(count(/^F0[1-9]/)).toBe(91); // dementias and conditions due to physiological causes
    expect(count(/^F1[0-9]/)).toBe(458); // substance use (tobacco F17 included)
    expect(count(/^F3[0-9]/)).toBe(62); // mood disorders
    expect(count(/^F4[0-8]/)).toBe(71); // anxiety, trauma, dissociative, somatoform
    expect(count(/^Z5[5-9]|^Z6[0-5]/)).toBe(117);
    expect(count(/^Z69|^Z7[0-6]/)).toBe(85);
    expect(count(/^Z63/)).toBe(12);
    expect(count(/^Z91/)).toBe(62);
    expect(icdCodes).toHaveLength(1144);
  });

  it('has the codes therapists use most, with their titles', () => {
    expect(findIcdCode('F32.A')?.title).toBe('Depression, unspecified');
    expect(findIcdCode('F41.1')?.title).toBe('Generalized anxiety disorder');
    expect(findIcdCode('F43.10')?.title).toBe('Post-traumatic stress disorder, unspecified');
    expect(findIcdCode('F90.0')?.title).toBe(
      'Attention-deficit hyperactivity disorder, predominantly inattentive type',
    );
    expect(findIcdCode('Z63.0')?.title).toBe('Problems in relationship with spouse or partner');
    expect(findIcdCode('Z91.51')?.title).toBe('Personal history of suicidal behavior');
    expect(findIcdCode('Z91.52')?.title).toBe('Personal history of nonsuicidal self-harm');
    expect(findIcdCode('F43.81')?.title).toBe('Prolonged grief disorder');
  });

  it('lists only billable (leaf) codes: no category that has codes under it', () => {
    // A code is a leaf when no other shipped code extends it: in sorted order, the next one would.
    const keys = icdCodes.map(({ code }) => codeKey(code)).sort();
    for (let i = 0; i + 1 < keys.length; i++) {
      expect(keys[i + 1]!.startsWith(keys[i]!), `${keys[i]} has codes under it`).toBe(false);
    }
    expect(findIcdCode('F41')).toBeUndefined();
    expect(findIcdCode('F43.1')).toBeUndefined();
    expect(findIcdCode('Z91.5')).toBeUndefined();
  });

  it('finds a code however it is written, and knows no made-up one', () => {
    expect(findIcdCode(' f411 ')?.code).toBe('F41.1');
    expect(findIcdCode('z9151')?.code).toBe('Z91.51');
    expect(findIcdCode('F41.7')).toBeUndefined();
    expect(findIcdCode('J45.909')).toBeUndefined(); // asthma: another chapter, not shipped
  });

  it('is exactly what build/icd10cm.mjs makes of the committed source', () => {
    const source = readFileSync(join(root, 'build/icd10cm/source.txt'), 'utf8').trim().split('\n');
    expect(icd10cmCodes).toHaveLength(source.length);
    for (const [i, line] of source.entries()) {
      const [bare, ...title] = line.split(/\s+/);
      expect(codeKey(icd10cmCodes[i]![0])).toBe(bare);
      expect(icd10cmCodes[i]![1]).toBe(title.join(' '));
    }
  });
});
