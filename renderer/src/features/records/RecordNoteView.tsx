import { coRegulationField, dimensions } from '../../../../shared/domain/dimensions';
import { feedbackItems, feedbackTotal } from '../../../../shared/domain/feedback';
import type { Note } from '../../../../shared/domain/noteSchema';
import { participationItems } from '../../../../shared/domain/participation';
import { type Participation, participationOccurred } from '../../../../shared/domain/participationSchema';
import type { RuptureVocabulary } from '../../../../shared/domain/ruptures';
import { includableSectionLabels, planPrompt, type Template } from '../../../../shared/domain/templates';
import type { TreatmentPlan } from '../../../../shared/domain/treatmentPlanSchema';
import { RiskSummary } from '../risk/RiskSummary';
import { RecordGoalsBlock } from './RecordGoalsBlock';
import {
  addendumTitle,
  lateEntryLine,
  markerLabel,
  outcomeLabel,
  outOfFive,
  ratingInWords,
  signatureLine,
  strategiesInWords,
  therapistMarkerLabel,
  typeLabel,
} from './recordFormat';

export interface RecordNoteViewProps {
  note: Note;
  /** The note's template; null when it is gone (its sections are then named by their ids). */
  template: Template | null;
  vocabulary: RuptureVocabulary;
  concernLine: number;
  /** The session's start and the late-entry limit: a note signed past it is printed as a late entry. */
  sessionStartsAt?: string | undefined;
  lateEntryAfterHours?: number | undefined;
  /** The client's plan versions in the record: they name the treatment goals the note addressed. */
  treatmentPlans?: readonly TreatmentPlan[] | undefined;
}

/**
 * One signed note as the clinical record shows it: every section under its label, ratings in
 * words, ruptures and repairs, participation, feedback, plan, the signature line with the content
 * hash, and the dated addenda. Headings start at h3 (the session is h2).
 */
export function RecordNoteView({
  note,
  template,
  vocabulary,
  concernLine,
  sessionStartsAt,
  lateEntryAfterHours,
  treatmentPlans = [],
}: RecordNoteViewProps) {
  const includes = template?.includes ?? {
    attunement: true,
    ruptures: true,
    participation: true,
    feedback: true,
    plan: true,
  };
  const known = new Set((template?.baseSections ?? []).map((s) => s.id));
  const sections = [
    ...(template?.baseSections ?? []).map((s) => ({ id: s.id, label: s.label })),
    ...Object.keys(note.sections)
      .filter((id) => !known.has(id))
      .map((id) => ({ id, label: id })),
  ];
  const total = feedbackTotal(note.feedback);
  const late =
    note.signed && sessionStartsAt && lateEntryAfterHours !== undefined
      ? lateEntryLine(sessionStartsAt, note.signed, lateEntryAfterHours)
      : null;
  const { therapistContribution, overallResolution } = note.sessionJudgments;
  return (
    <div className="record-note">
      <p className="muted small">{template?.name ?? 'Note'} note</p>
      {sections.map((s) => (
        <TextBlock key={s.id} title={s.label} text={note.sections[s.id] ?? ''} always />
      ))}
      {includes.attunement && (
        <>
          <h3>{includableSectionLabels.attunement}</h3>
          <dl className="record-fields">
            {dimensions.map((d) => {
              const entry = note.attunement[d.id];
              return (
                <div key={d.id}>
                  <dt>{d.label}</dt>
                  <dd>
                    <p>Rating: {ratingInWords(d.id, entry.rating, entry.unrated)}</p>
                    {entry.observation.trim() && <p className="prewrap">Observation: {entry.observation}</p>}
                    {entry.response.trim() && (
                      <p className="prewrap">Therapist’s response: {entry.response}</p>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
          <TextBlock title={coRegulationField.label} text={note.coRegulation} />
        </>
      )}
      {includes.ruptures && (
        <>
          <h3>{includableSectionLabels.ruptures}</h3>
          {note.ruptures.length === 0 && <p>No rupture recorded.</p>}
          {(therapistContribution !== null || overallResolution !== null) && (
            <p>
              Therapist’s contribution to ruptures: {outOfFive(therapistContribution) || 'not rated'} ·
              Overall resolution: {outOfFive(overallResolution) || 'not rated'}
            </p>
          )}
          {note.ruptures.map((rupture, i) => (
            <div className="record-rupture" key={rupture.id}>
              <h4>
                Rupture {i + 1} · {typeLabel(rupture.type)}
                {rupture.minute === null ? '' : ` · minute ${rupture.minute}`}
              </h4>
              <dl className="record-fields">
                {(
                  [
                    ['Markers', rupture.markers.map((m) => markerLabel(vocabulary, m)).join('; ')],
                    [
                      'Therapist’s own reactions',
                      (rupture.therapistMarkers ?? []).map(therapistMarkerLabel).join('; '),
                    ],
                    ['Salience', outOfFive(rupture.salience)],
                    [
                      'Followed a lapse in',
                      rupture.followedLapseOf
                        .map((id) => dimensions.find((d) => d.id === id)?.label ?? id)
                        .join(', '),
                    ],
                    ['Context', rupture.context],
                    ['Repair strategies', strategiesInWords(vocabulary, rupture.strategies)],
                    [
                      'Outcome',
                      rupture.outcome === null
                        ? ''
                        : `${outcomeLabel(rupture.outcome)}${rupture.repairMinute === null ? '' : ` at minute ${rupture.repairMinute}`}`,
                    ],
                    ['Client response', rupture.clientResponse],
                  ] as const
                )
                  .filter(([, value]) => value.trim() !== '')
                  .map(([term, value]) => (
                    <div key={term}>
                      <dt>{term}</dt>
                      <dd className="prewrap">{value}</dd>
                    </div>
                  ))}
              </dl>
            </div>
          ))}
        </>
      )}
      {includes.participation && <ParticipationBlock participation={note.participation} />}
      {includes.feedback && (
        <>
          <h3>{includableSectionLabels.feedback}</h3>
          {note.feedback && total !== null ? (
            <p>
              Total {total} of 40{total < concernLine ? `, below the concern line of ${concernLine}` : ''}:{' '}
              {feedbackItems
                .map((item) => `${item.label} ${note.feedback?.[item.id] ?? 'not given'}`)
                .join(', ')}
              .
            </p>
          ) : (
            <p>No feedback score given.</p>
          )}
        </>
      )}
      <RecordGoalsBlock
        // A note stored before issue 15 reaches the record as stored, without the field.
        goalProgress={note.goalProgress ?? []}
        plans={treatmentPlans}
        signedAt={note.signed?.at ?? null}
      />
      {includes.plan && (
        <TextBlock title={includableSectionLabels.plan} text={note.plan} always hint={planPrompt} />
      )}
      {note.risk && (
        <>
          <h3>Risk assessment</h3>
          <RiskSummary risk={note.risk} />
        </>
      )}
      {note.signed && (
        <div className="record-signature">
          <p>
            <strong>{signatureLine(note.signed)}</strong>
          </p>
          {late && (
            <p className="record-late-entry">
              <strong>{late}</strong>
            </p>
          )}
          <p className="small">
            {/* One text: a PDF's text would split "SHA-256" off from around it otherwise. */}
            {`Content hash (${note.signed.contentHash.length === 128 ? 'SHA-512' : 'SHA-256'}): `}
            <span className="record-hash">{note.signed.contentHash}</span>
          </p>
        </div>
      )}
      {note.addenda.map((addendum) => (
        <div className="record-addendum" key={addendum.id}>
          <h4>{addendumTitle(addendum)}</h4>
          {addendum.reason && <p className="prewrap">Reason: {addendum.reason}</p>}
          <p className="prewrap">{addendum.text}</p>
        </div>
      ))}
    </div>
  );
}

function TextBlock({
  title,
  text,
  always = false,
  hint,
}: {
  title: string;
  text: string;
  /** Shown even when empty ("Nothing written"), for the note's own sections. */
  always?: boolean;
  hint?: string;
}) {
  if (!always && text.trim() === '') return null;
  return (
    <>
      <h3 title={hint}>{title}</h3>
      <p className="prewrap">{text.trim() === '' ? 'Nothing written.' : text}</p>
    </>
  );
}

function ParticipationBlock({ participation: p }: { participation: Participation }) {
  const lines: string[] = [];
  for (const item of participationItems) {
    const happened = participationOccurred(p, item.id);
    const raw = (p[item.id] as Record<string, unknown>)[item.textField];
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!happened && text === '') continue;
    const feelings =
      item.id === 'namedFeelings' && happened ? ` (${p.namedFeelings.emotions.join(', ')})` : '';
    lines.push(`${item.label}${feelings}${text ? `: ${text}` : ''}`);
  }
  return (
    <>
      <h3>{includableSectionLabels.participation}</h3>
      {lines.length === 0 ? (
        <p>Nothing recorded.</p>
      ) : (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </>
  );
}
