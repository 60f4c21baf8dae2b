import { describe, expect, it } from 'vitest';
import { noteOutline } from '../../../renderer/src/features/note/noteOutline';
import { noteDraftInputSchema } from '../../../shared/domain/noteSchema';
import {
  emptyRiskAssessment,
  riskAssessmentSchema,
  riskSigningProblems,
} from '../../../shared/domain/riskSchema';
import { builtInTemplate, type Template } from '../../../shared/domain/templates';

describe('the note’s risk section', () => {
  it('may be saved half answered in a draft, and lists what signing still needs', () => {
    const empty = emptyRiskAssessment();
    expect(riskAssessmentSchema.parse(empty)).toEqual(empty);
    expect(riskSigningProblems(empty).map((p) => p.field)).toEqual([
      'ideation',
      'intent',
      'plan',
      'means',
      'level',
    ]);
    const answered = { ...empty, ideation: 'passive', intent: 'no', plan: 'no', means: 'no' } as const;
    expect(riskSigningProblems({ ...answered, level: 'moderate' })).toEqual([]);
  });

  it('asks for the actions taken at high and imminent risk only', () => {
    const answered = {
      ...emptyRiskAssessment(),
      ideation: 'active-with-plan',
      intent: 'yes',
      plan: 'yes',
      means: 'yes',
    } as const;
    for (const level of ['high', 'imminent'] as const) {
      expect(riskSigningProblems({ ...answered, level, actionsTaken: ' ' })).toEqual([
        {
          field: 'actionsTaken',
          message: expect.stringMatching(`risk is ${level}, so write the actions taken`),
        },
      ]);
      expect(riskSigningProblems({ ...answered, level, actionsTaken: 'Emergency services called.' })).toEqual(
        [],
      );
    }
  });

  it('refuses an answer that is not one of the choices, in words', () => {
    const parsed = riskAssessmentSchema.safeParse({ ...emptyRiskAssessment(), level: 'severe' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('Choose the risk level: low, moderate, high or imminent.');
  });

  it('is in the outline of every draft, and of a signed note only when it has one', () => {
    const soap = builtInTemplate('soap') as Template;
    const labels = (signed: boolean, showRisk: boolean) =>
      noteOutline(soap, {}, signed, showRisk).map((i) => i.label);
    expect(labels(false, true)).toContain('Risk assessment');
    expect(labels(true, false)).not.toContain('Risk assessment');
    // After the plan, before the addenda.
    const signed = labels(true, true);
    expect(signed.indexOf('Risk assessment')).toBe(signed.indexOf('Plan') + 1);
    expect(signed.indexOf('Addenda')).toBe(signed.indexOf('Risk assessment') + 1);
    expect(noteDraftInputSchema.shape.risk.parse(undefined)).toBeNull();
  });
});
