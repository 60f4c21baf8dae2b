/** The safety plan form's state, its sections as data, and what it sends to main. */
import type { SafetyPlan } from '../../../../shared/domain/riskSchema';
import {
  type SafetyPlanSaveInput,
  safetyPlanSaveInput,
} from '../../../../shared/ipc/contracts/safetyPlanContract';
import { todayIso } from '../../format/dates';

export interface ContactRow {
  name: string;
  reach: string;
}

/** What the form holds: every list as typed, blank rows included (dropped on save). */
export interface SafetyPlanForm {
  warningSigns: string[];
  copingStrategies: string[];
  distractions: string[];
  contacts: ContactRow[];
  professionals: ContactRow[];
  crisisLines: ContactRow[];
  safeEnvironment: string;
  reasonsForLiving: string[];
  reviewedOn: string;
}

export type TextListKey = 'warningSigns' | 'copingStrategies' | 'distractions' | 'reasonsForLiving';
export type ContactListKey = 'contacts' | 'professionals' | 'crisisLines';

/** The plan's parts in the Stanley–Brown order, as the form and the printed plan name them. */
export const planSections: readonly (
  | { kind: 'text'; key: TextListKey; title: string; help: string; item: string }
  | { kind: 'contacts'; key: ContactListKey; title: string; help: string; item: string }
  | { kind: 'environment'; key: 'safeEnvironment'; title: string; help: string }
)[] = [
  {
    kind: 'text',
    key: 'warningSigns',
    title: 'Warning signs',
    help: 'Thoughts, moods, situations or behaviours that a crisis may be developing.',
    item: 'Warning sign',
  },
  {
    kind: 'text',
    key: 'copingStrategies',
    title: 'Coping strategies',
    help: 'Things the client can do alone to take their mind off problems.',
    item: 'Coping strategy',
  },
  {
    kind: 'text',
    key: 'distractions',
    title: 'People and places for distraction',
    help: 'People and social settings that help the client think of something else.',
    item: 'Person or place',
  },
  {
    kind: 'contacts',
    key: 'contacts',
    title: 'People to ask for help',
    help: 'Family or friends the client can call, with how to reach them.',
    item: 'Contact',
  },
  {
    kind: 'contacts',
    key: 'professionals',
    title: 'Professionals and services',
    help: 'Clinicians and agencies to contact in a crisis, with how to reach them.',
    item: 'Professional',
  },
  {
    kind: 'contacts',
    key: 'crisisLines',
    title: 'Crisis lines',
    help: 'Crisis and emergency lines, e.g. 988 (US), 116 123 (UK and Ireland), or the local emergency number.',
    item: 'Crisis line',
  },
  {
    kind: 'environment',
    key: 'safeEnvironment',
    title: 'Making the environment safe',
    help: 'How access to means (medication, firearms, other means) is limited, and by whom.',
  },
  {
    kind: 'text',
    key: 'reasonsForLiving',
    title: 'Reasons for living',
    help: 'What matters most to the client and is worth living for.',
    item: 'Reason',
  },
];

/** The form for a plan, or an empty one (one blank row in each list, reviewed today). */
export function formOf(plan: SafetyPlan | null): SafetyPlanForm {
  const rows = (list: readonly string[] | undefined) => (list && list.length > 0 ? [...list] : ['']);
  const people = (list: readonly ContactRow[] | undefined) =>
    list && list.length > 0 ? list.map((c) => ({ ...c })) : [{ name: '', reach: '' }];
  return {
    warningSigns: rows(plan?.warningSigns),
    copingStrategies: rows(plan?.copingStrategies),
    distractions: rows(plan?.distractions),
    contacts: people(plan?.contacts),
    professionals: people(plan?.professionals),
    crisisLines: people(plan?.crisisLines),
    safeEnvironment: plan?.safeEnvironment ?? '',
    reasonsForLiving: rows(plan?.reasonsForLiving),
    reviewedOn: plan?.reviewedOn ?? todayIso(),
  };
}

/** What the form sends: blank rows left out, the rest as typed. */
export function inputOf(
  form: SafetyPlanForm,
  clientId: string,
  expectedUpdatedAt: string | null,
): SafetyPlanSaveInput {
  const texts = (list: string[]) => list.filter((t) => t.trim() !== '');
  const people = (list: ContactRow[]) => list.filter((c) => c.name.trim() !== '' || c.reach.trim() !== '');
  return {
    clientId,
    warningSigns: texts(form.warningSigns),
    copingStrategies: texts(form.copingStrategies),
    distractions: texts(form.distractions),
    contacts: people(form.contacts),
    professionals: people(form.professionals),
    crisisLines: people(form.crisisLines),
    safeEnvironment: form.safeEnvironment,
    reasonsForLiving: texts(form.reasonsForLiving),
    reviewedOn: form.reviewedOn,
    expectedUpdatedAt,
  };
}

/** The input's problems by the form's field (its first message each); empty when it can be saved. */
export function planErrors(input: SafetyPlanSaveInput): Record<string, string> {
  const parsed = safetyPlanSaveInput.safeParse(input);
  const errors: Record<string, string> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '_')] ??= issue.message;
  return errors;
}
