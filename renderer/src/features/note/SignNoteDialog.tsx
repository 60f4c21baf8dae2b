import { memo } from 'react';
import type { Attunement } from '../../../../shared/domain/attunementSchema';
import { dimensions } from '../../../../shared/domain/dimensions';
import { wouldBeLateEntry } from '../../../../shared/domain/lateEntry';
import { type RiskAssessment, riskSigningProblems } from '../../../../shared/domain/riskSchema';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SignerNameField, type SigningState } from '../../components/SignerNameField';
import { formatDateTime } from '../../format/dates';

export interface SignNoteDialogProps {
  /** null while closed; `busy` while signing, `error` when signing failed, `nameMissing` when Sign had no name. */
  signing: SigningState | null;
  risk: RiskAssessment | null;
  /** The note's attunement, or null when its template has no attunement section (nothing to warn of). */
  attunement: Attunement | null;
  /** Why the draft cannot be saved as it is (the header lists them too): signing would fail. */
  problems: readonly string[];
  /** The session's start, once known: a note signed long after it is a late entry. */
  sessionStartsAt: string | undefined;
  lateEntryAfterHours: number;
  /** False until Settings has the clinician's name: the dialog then asks for it. */
  nameKnown: boolean;
  signerName: string;
  onSignerNameChange: (name: string) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * "Sign this note?": what signing means, what would stop it (an incomplete risk section), the
 * dimensions it would sign as "Could not judge" untouched, the late-entry label it would get, and the signer's name at the first signature. Memoised, so the
 * editor drawing again for each keystroke does not draw it.
 */
export const SignNoteDialog = memo(function SignNoteDialog({
  signing,
  risk,
  attunement,
  problems,
  sessionStartsAt,
  lateEntryAfterHours,
  nameKnown,
  signerName,
  onSignerNameChange,
  onConfirm,
  onCancel,
}: SignNoteDialogProps) {
  const riskProblems = signing !== null && risk ? riskSigningProblems(risk) : [];
  // A new note starts every dimension as "Could not judge": one left so, with nothing written,
  // may never have been looked at, and signing would record that judgement as the clinician's.
  const untouched = dimensions.filter((d) => {
    if (!attunement) return false;
    const entry = attunement[d.id];
    return (
      entry.rating === null &&
      entry.unrated === 'could-not-judge' &&
      !entry.observation.trim() &&
      !entry.response.trim()
    );
  });
  return (
    <ConfirmDialog
      open={signing !== null}
      title="Sign this note?"
      confirmLabel="Sign"
      busy={signing?.busy}
      error={signing?.error}
      startOnField={!nameKnown}
      confirmDisabled={problems.length > 0}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        A signed note can’t be changed. Later corrections are added as dated addenda. Signing records your
        name, the time and a fingerprint of the note’s content.
      </p>
      <p className="muted">The private process notes are not part of the signed note.</p>
      {/* Said before the click: a draft that cannot be saved cannot be signed either. */}
      {problems.length > 0 && (
        <div className="notice">
          <p>The note cannot be saved as it is, so it cannot be signed yet. Fix these first:</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {/* Said before the click: main refuses to sign a risk section that is not complete. */}
      {riskProblems.length > 0 && (
        <div className="notice">
          <p>The risk assessment is not complete:</p>
          <ul>
            {riskProblems.map((p) => (
              <li key={p.field}>{p.message.replace(/^Risk assessment: /, '')}</li>
            ))}
          </ul>
        </div>
      )}
      {untouched.length > 0 && (
        <div className="notice">
          <p>
            {untouched.length === 1 ? 'This dimension has' : 'These dimensions have'} no rating and nothing
            written, so {untouched.length === 1 ? 'it' : 'they'} will be signed as “Could not judge”:{' '}
            {untouched.map((d) => d.label).join(', ')}. Rate {untouched.length === 1 ? 'it' : 'them'} first if
            you can.
          </p>
        </div>
      )}
      {signing !== null &&
        sessionStartsAt !== undefined &&
        wouldBeLateEntry(sessionStartsAt, new Date(), lateEntryAfterHours) && (
          <p className="notice late-entry-notice">
            This note will be labelled a <strong>late entry</strong> signed today: the session began on{' '}
            {formatDateTime(sessionStartsAt)}, more than {lateEntryAfterHours} hours ago. The label shows on
            the note, in the client’s sessions and in printed records.
          </p>
        )}
      {!nameKnown && (
        <SignerNameField
          label="Your name, as it should appear on signed notes"
          hint="Saved in Settings for your later signatures; you can change it there."
          value={signerName}
          onChange={onSignerNameChange}
          missing={signing?.nameMissing ?? null}
        />
      )}
    </ConfirmDialog>
  );
});
