/**
 * The import checks for the clinical record's thread (interchange version 3, issue 15): treatment
 * plan versions, diagnoses and safety plans point at a client; a client's plan versions are
 * numbered apart and revise their own client's earlier versions; a signed version still hashes to
 * its signature; a client has one safety plan. The goals a note addressed should be goals of that
 * client's plans: a notice, not a refusal (see noteGoalNotices).
 */
import { kinds } from '../RecordStore';
import { planSignatureIntact } from '../TreatmentPlanService';
import type { ExportFile } from './exportFileSchema';
import { clip } from './importProblems';

/** What these checks need of the vault's own plans and safety plans. */
export interface ClinicalIndex {
  /** Existing plan versions by id. */
  plans: Map<string, { clientId: string; version: number; goalIds: readonly string[] }>;
  /** Clients that already have a safety plan. */
  safetyPlanClients: Set<string>;
}

type Report = (path: string, message: string) => void;
const q = (id: string) => `“${clip(id, 64)}”`;

/**
 * Reports every reference problem of the file's plans, diagnoses and safety plans. `hasClient`
 * says whether a client id is in the file or the vault (the same rule as a session's client).
 */
export function checkClinicalReferences(
  file: ExportFile,
  vault: ClinicalIndex,
  hasClient: (id: string) => boolean,
  report: Report,
): void {
  const missingClient = (path: string, clientId: string) => {
    if (!hasClient(clientId)) report(path, `No client with id ${q(clientId)} in the file or the vault.`);
  };

  const plans = new Map<string, { clientId: string; version: number }>();
  for (const [id, plan] of vault.plans) plans.set(id, plan);
  for (const plan of file.treatmentPlans) if (!plans.has(plan.id)) plans.set(plan.id, plan);
  const versions = new Map<string, string>();
  for (const plan of vault.plans.values()) versions.set(`${plan.clientId}/${plan.version}`, 'in the vault');
  file.treatmentPlans.forEach((plan, i) => {
    const at = (field: string) => `treatmentPlans[${i}].${field}`;
    missingClient(at('clientId'), plan.clientId);
    const slot = `${plan.clientId}/${plan.version}`;
    const taken = versions.get(slot);
    if (taken) report(at('version'), `This client already has a plan version ${plan.version} ${taken}.`);
    else versions.set(slot, `(treatmentPlans[${i}])`);
    if (!planSignatureIntact(plan)) {
      report(at('signed.contentHash'), 'The signed plan was changed after signing: its hash does not match.');
    }
    if (plan.revises === null) return;
    const revised = plans.get(plan.revises);
    if (!revised) {
      report(at('revises'), `No plan version with id ${q(plan.revises)} in the file or the vault.`);
    } else if (revised.clientId !== plan.clientId) {
      report(at('revises'), 'A plan can only revise a plan of the same client.');
    } else if (revised.version >= plan.version) {
      report(at('revises'), 'A plan version revises an earlier version (a lower version number).');
    }
  });

  file.diagnoses.forEach((diagnosis, i) => {
    missingClient(`diagnoses[${i}].clientId`, diagnosis.clientId);
  });

  const safetyPlans = new Map<string, string>();
  for (const clientId of vault.safetyPlanClients) safetyPlans.set(clientId, 'in the vault');
  file.safetyPlans.forEach((plan, i) => {
    const at = `safetyPlans[${i}].clientId`;
    missingClient(at, plan.clientId);
    const taken = safetyPlans.get(plan.clientId);
    if (taken) report(at, `This client already has a safety plan ${taken}; a client has one.`);
    else safetyPlans.set(plan.clientId, `(safetyPlans[${i}])`);
  });
}

/**
 * Notices for goals a note addressed that no plan version of its client (in the file or the
 * vault) holds. Not a refusal: a vault reaches this state on its own (a goal addressed while the
 * first plan was a draft, the draft later removed), and a client's record export carries signed
 * plan versions only, so refusing would make real exports unimportable. The progress and its
 * comment still read; Attune shows such a goal as one no longer in the plan.
 */
export function noteGoalNotices(
  file: ExportFile,
  vault: ClinicalIndex,
): Array<{ path: string; message: string }> {
  const goalsByClient = new Map<string, Set<string>>();
  const add = (clientId: string, goalIds: Iterable<string>) => {
    const set = goalsByClient.get(clientId) ?? new Set<string>();
    for (const id of goalIds) set.add(id);
    goalsByClient.set(clientId, set);
  };
  for (const plan of vault.plans.values()) add(plan.clientId, plan.goalIds);
  for (const plan of file.treatmentPlans)
    add(
      plan.clientId,
      plan.goals.map((g) => g.id),
    );
  const notices: Array<{ path: string; message: string }> = [];
  file.notes.forEach((note, i) => {
    const goals = goalsByClient.get(note.clientId);
    note.goalProgress.forEach((entry, k) => {
      if (goals?.has(entry.goalId)) return;
      notices.push({
        path: `notes[${i}].goalProgress[${k}].goalId`,
        message: `No treatment plan of the note’s client has a goal with id ${q(entry.goalId)}; the progress is imported and shown as on a goal no longer in the plan.`,
      });
    });
  });
  return notices;
}

/** The kinds whose ids these records use, for the id checks shared with the other sections. */
export const clinicalSections = (file: ExportFile) =>
  [
    ['treatmentPlans', kinds.treatmentPlan, file.treatmentPlans],
    ['diagnoses', kinds.diagnosis, file.diagnoses],
    ['safetyPlans', kinds.safetyPlan, file.safetyPlans],
  ] as const;
