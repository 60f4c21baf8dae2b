/** The diagnosis form's state, its words, and what it sends to main. */
import { fieldErrors } from '../../components/FieldError';
import type { IcdCode } from '../../../../shared/diagnoses/icd10cm';
import type { Diagnosis } from '../../../../shared/domain/diagnosisSchema';
import type { DiagnosisSaveInput } from '../../../../shared/ipc/contract';
import {
  currentDiagnosisStatuses,
  diagnosisSaveInput,
} from '../../../../shared/ipc/contracts/diagnosisContract';

export type DiagnosisStatus = Diagnosis['status'];
export type DiagnosisRank = Diagnosis['rank'];

export interface DiagnosisForm {
  picked: IcdCode | null;
  rank: DiagnosisRank;
  status: DiagnosisStatus;
  diagnosedOn: string;
  /** Kept while the status is current, so switching back and forth loses nothing typed. */
  endedOn: string;
  comment: string;
}

/** A new diagnosis: primary unless the client already has a current primary. */
export function newForm(today: string, hasPrimary: boolean): DiagnosisForm {
  return {
    picked: null,
    rank: hasPrimary ? 'secondary' : 'primary',
    status: 'active',
    diagnosedOn: today,
    endedOn: '',
    comment: '',
  };
}

export function formOf(diagnosis: Diagnosis): DiagnosisForm {
  return {
    picked: { code: diagnosis.code, title: diagnosis.description },
    rank: diagnosis.rank,
    status: diagnosis.status,
    diagnosedOn: diagnosis.diagnosedOn,
    endedOn: diagnosis.endedOn ?? '',
    comment: diagnosis.comment,
  };
}

export const hasEnded = (status: DiagnosisStatus): boolean => !currentDiagnosisStatuses.has(status);

export function inputOf(
  form: DiagnosisForm,
  clientId: string,
  editing: Diagnosis | null,
): DiagnosisSaveInput {
  return {
    ...(editing ? { id: editing.id } : {}),
    clientId,
    code: form.picked?.code ?? '',
    rank: form.rank,
    status: form.status,
    diagnosedOn: form.diagnosedOn,
    endedOn: hasEnded(form.status) && form.endedOn ? form.endedOn : null,
    comment: form.comment,
    expectedUpdatedAt: editing?.updatedAt ?? null,
  };
}

/** Field messages before anything is sent, keyed by field ('code' for the search). */
export function formErrors(input: DiagnosisSaveInput): Record<string, string> {
  const parsed = diagnosisSaveInput.safeParse(input);
  const errors = parsed.success ? {} : fieldErrors(parsed.error.issues);
  // Said in the form's words rather than the schema's: nothing is typed as a code here.
  if (!input.code) errors.code = 'Choose a diagnosis: search by code or words, then pick one from the list.';
  if (!input.diagnosedOn) errors.diagnosedOn = 'Enter the date of the diagnosis.';
  return errors;
}
