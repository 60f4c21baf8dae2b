import type { ReactNode } from 'react';
import { coRegulationField, dimensions, ratingInWords } from '../../../../shared/domain/dimensions';
import { addendumKindLabel } from '../../../../shared/domain/addendumKinds';
import { feedbackItems, feedbackTotal } from '../../../../shared/domain/feedback';
import { participationItems } from '../../../../shared/domain/participation';
import { type Participation, participationOccurred } from '../../../../shared/domain/participationSchema';
import { includableSectionLabels } from '../../../../shared/domain/templates';
import type { CommentTarget, ReviewPacket } from '../../../../shared/ipc/contract';
import type { PacketNote } from '../../../../shared/review/packetSchema';
import { Heading } from './Heading';
import { PacketNoteThread } from './PacketNoteThread';
import { PacketRuptureView } from './PacketRuptureView';
import { packetDate, packetDateTime } from './reviewFormat';

/** A note of a packet, read-only: its sections, attunement, participation, feedback, ruptures, plan, addenda. */
export function PacketNoteView({
  packet,
  note,
  level,
  commentSlot,
}: {
  packet: ReviewPacket;
  note: PacketNote;
  level: number;
  commentSlot?: (target: CommentTarget) => ReactNode;
}) {
  const template = packet.templates.find((t) => t.id === note.templateId);
  const sections = (template?.sections ?? []).filter((s) => (note.sections[s.id] ?? '').trim() !== '');
  const rated = dimensions.filter((d) => {
    const entry = note.attunement[d.id];
    return entry.rating !== null || entry.observation.trim() !== '' || entry.response.trim() !== '';
  });
  const participation = participationLines(note.participation);
  const total = feedbackTotal(note.feedback);
  const { therapistContribution, overallResolution } = note.sessionJudgments;

  return (
    <div className="packet-note">
      <p className="muted small">
        {template?.name ?? 'Note'} ·{' '}
        {note.status === 'signed' && note.signedAt
          ? `signed ${packetDate(note.signedAt)}`
          : 'draft, not signed'}
        {note.excerpt && ' · excerpt: the clinician left parts of this note out'}
      </p>
      {sections.map((s) => (
        <TextBlock key={s.id} level={level} title={s.label} text={note.sections[s.id] ?? ''} />
      ))}
      {rated.length > 0 && (
        <>
          <Heading level={level}>{includableSectionLabels.attunement}</Heading>
          <table className="list packet-attunement">
            <caption className="visually-hidden">Attunement ratings and observations</caption>
            <thead>
              <tr>
                <th scope="col">Dimension</th>
                <th scope="col">Rating</th>
                <th scope="col">Observation</th>
                <th scope="col">Therapist’s response</th>
              </tr>
            </thead>
            <tbody>
              {rated.map((d) => {
                const entry = note.attunement[d.id];
                return (
                  <tr key={d.id}>
                    <th scope="row">{d.label}</th>
                    <td>{ratingInWords(d.id, entry.rating, entry.unrated)}</td>
                    <td className="prewrap">{entry.observation}</td>
                    <td className="prewrap">{entry.response}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      <TextBlock level={level} title={coRegulationField.label} text={note.coRegulation} />
      {participation.length > 0 && (
        <>
          <Heading level={level}>{includableSectionLabels.participation}</Heading>
          <ul className="packet-lines">
            {participation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {note.feedback && total !== null && (
        <>
          <Heading level={level}>{includableSectionLabels.feedback}</Heading>
          <p>
            Total {total} / 40
            {total < packet.concernLine ? ` (below the concern line, ${packet.concernLine})` : ''}:{' '}
            {feedbackItems.map((item) => `${item.label} ${note.feedback?.[item.id] ?? '—'}`).join(', ')}.
          </p>
        </>
      )}
      {note.ruptures.length > 0 && (
        <>
          <Heading level={level}>{includableSectionLabels.ruptures}</Heading>
          {(therapistContribution !== null || overallResolution !== null) && (
            <p>
              Therapist’s contribution to ruptures: {therapistContribution ?? '—'} / 5 · Overall resolution:{' '}
              {overallResolution ?? '—'} / 5
            </p>
          )}
          {note.ruptures.map((rupture, i) => (
            <PacketRuptureView
              key={rupture.ruptureRef}
              packet={packet}
              sessionRef={note.sessionRef}
              rupture={rupture}
              number={i + 1}
              level={level + 1}
              commentSlot={commentSlot}
            />
          ))}
        </>
      )}
      <PacketNoteThread packet={packet} note={note} level={level} />
      <TextBlock level={level} title={includableSectionLabels.plan} text={note.plan} />
      {(note.addenda ?? []).map((addendum, i) => (
        <TextBlock
          // biome-ignore lint/suspicious/noArrayIndexKey: addenda are append-only; their order is their identity.
          key={i}
          level={level}
          title={`${addendumKindLabel(addendum)} of ${packetDateTime(addendum.at)}`}
          text={addendum.reason ? `Reason: ${addendum.reason}\n\n${addendum.text}` : addendum.text}
        />
      ))}
    </div>
  );
}

function TextBlock({ level, title, text }: { level: number; title: string; text: string }) {
  if (text.trim() === '') return null;
  return (
    <>
      <Heading level={level}>{title}</Heading>
      <p className="prewrap">{text}</p>
    </>
  );
}

/** What the client did, one line per item that happened, with its note. */
function participationLines(p: Participation): string[] {
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
  return lines;
}
