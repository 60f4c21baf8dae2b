import { DiagnosesPanel } from '../diagnoses/DiagnosesPanel';
import { TreatmentPlanPanel } from '../plan/TreatmentPlanPanel';
import { SafetyPlanPanel } from '../risk/SafetyPlanPanel';

/**
 * A client's Treatment tab (issue 15): the treatment plan and its versions, the diagnoses and the
 * safety plan, one panel each, in the order a therapist reviews them.
 */
export function TreatmentTab({ clientId }: { clientId: string }) {
  return (
    <div className="treatment-tab">
      <TreatmentPlanPanel clientId={clientId} />
      <DiagnosesPanel clientId={clientId} />
      <SafetyPlanPanel clientId={clientId} />
    </div>
  );
}
