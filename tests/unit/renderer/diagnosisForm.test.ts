import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../shared/domain/diagnosisSchema';
import { formErrors, formOf, inputOf, newForm } from '../../../renderer/src/features/diagnoses/diagnosisForm';

const clientId = 'client-1';
const saved: Diagnosis = {
  id: 'dx-1',
  clientId,
  code: 'F41.1',
  description: 'Generalized anxiety disorder',
  rank: 'primary',
  status: 'active',
  diagnosedOn: '2025-01-15',
  endedOn: null,
  comment: '',
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-15T10:00:00.000Z',
};

describe('the diagnosis form', () => {
  it('starts a new diagnosis as primary, or secondary when the client has a current primary', () => {
    expect(newForm('2025-03-14', false)).toMatchObject({
      rank: 'primary',
      status: 'active',
      diagnosedOn: '2025-03-14',
    });
    expect(newForm('2025-03-14', true).rank).toBe('secondary');
  });

  it('asks for a diagnosis to be chosen before anything is sent', () => {
    const errors = formErrors(inputOf(newForm('2025-03-14', false), clientId, null));
    expect(errors).toEqual({
      code: 'Choose a diagnosis: search by code or words, then pick one from the list.',
    });
  });

  it('sends the end date only for an ended status, and keeps it in the form meanwhile', () => {
    const form = { ...formOf(saved), endedOn: '2025-03-01' };
    expect(inputOf(form, clientId, saved)).toMatchObject({
      id: 'dx-1',
      endedOn: null,
      expectedUpdatedAt: saved.updatedAt,
    });
    expect(formErrors(inputOf(form, clientId, saved))).toEqual({});
    const resolved = inputOf({ ...form, status: 'resolved' }, clientId, saved);
    expect(resolved.endedOn).toBe('2025-03-01');
    expect(
      formErrors(inputOf({ ...form, status: 'resolved', endedOn: '2025-01-01' }, clientId, saved)),
    ).toEqual({
      endedOn: 'The end date can’t be before the diagnosis date.',
    });
  });
});
