import { ChevronUp, Pencil } from 'lucide-react';
import { memo, useCallback, useEffect, useId, useMemo, useRef } from 'react';
import { type Rupture, ruptureMinuteWarnings } from '../../../../shared/domain/ruptureSchema';
import type { RuptureOutcomeId, RuptureTypeId, RuptureVocabulary } from '../../../../shared/domain/ruptures';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ConfirmableButton } from '../../components/ConfirmableButton';
import { FieldError } from '../../components/FieldError';
import { NumberField } from '../../components/NumberField';
import { RadioGroup } from '../../components/RadioGroup';
import { TextAreaField } from '../../components/TextAreaField';
import { errorUnder, type FieldErrors } from './noteDraft';
import {
  hasContent,
  lapseOptions,
  markerOptions,
  outcomeOptions,
  type Score,
  salienceOptions,
  strategyOptionGroups,
  therapistMarkerOptions,
  typeOptions,
} from './ruptureOptions';
import { isRuptureComplete, ruptureSummary } from './ruptureSummary';

export interface RuptureFieldsetProps {
  rupture: Rupture;
  index: number;
  vocabulary: RuptureVocabulary;
  readOnly: boolean;
  errors: FieldErrors;
  /** The session's duration in minutes, once known: a minute past it is pointed out. */
  sessionMinutes: number | undefined;
  /** Focus the first control when mounted (a rupture just added). */
  focusOnMount: boolean;
  /** Shown as its one-line summary (when complete and free of errors), with Edit to open it. */
  collapsed: boolean;
  onCollapsedChange: (id: string, collapsed: boolean) => void;
  onChange: (id: string, update: (rupture: Rupture) => Rupture) => void;
  onRemove: (id: string) => void;
}

const repairBeforeRupture = 'The repair minute can’t be earlier than the minute the rupture began.';

/**
 * One rupture and its repair, as a fieldset named "Rupture N"; once complete it can fold to a
 * one-line summary. The fieldset stays mounted while folded (only hidden), so nothing typed in it
 * is lost and autosave sees no change.
 */
export const RuptureFieldset = memo(function RuptureFieldset({
  rupture,
  index,
  vocabulary,
  readOnly,
  errors,
  sessionMinutes,
  focusOnMount,
  collapsed,
  onCollapsedChange,
  onChange,
  onRemove,
}: RuptureFieldsetProps) {
  const ref = useRef<HTMLFieldSetElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const fieldsetId = useId();
  // Where focus goes after the user folds or opens the rupture: to what took the place of the button.
  const focusAfterToggle = useRef<'fields' | 'summary' | null>(null);
  const { id, type } = rupture;
  const path = `ruptures.${index}`;

  useEffect(() => {
    if (focusOnMount) ref.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [focusOnMount]);

  const markers = useMemo(() => markerOptions(vocabulary, type), [vocabulary, type]);
  const strategyGroups = useMemo(() => strategyOptionGroups(vocabulary), [vocabulary]);
  const set = useCallback(
    <K extends keyof Rupture>(key: K) =>
      (value: Rupture[K]) =>
        onChange(id, (r) => ({ ...r, [key]: value })),
    [onChange, id],
  );
  const setters = useMemo(
    () => ({
      type: (next: RuptureTypeId) =>
        onChange(id, (r) => {
          // Markers belong to one type: switching type drops the other type's markers.
          const ofType = new Set(vocabulary.markers.filter((m) => m.type === next).map((m) => m.id));
          return { ...r, type: next, markers: r.markers.filter((m) => ofType.has(m)) };
        }),
      markers: set('markers'),
      therapistMarkers: set('therapistMarkers'),
      /** The new selection within one strategy group; the other groups' choices are kept. */
      strategiesIn: (groupIds: ReadonlySet<string>) => (chosen: string[]) =>
        onChange(id, (r) => ({
          ...r,
          strategies: [...r.strategies.filter((s) => !groupIds.has(s)), ...chosen],
        })),
      salience: set('salience') as (value: Score | null) => void,
      followedLapseOf: set('followedLapseOf') as (value: string[]) => void,
      context: set('context'),
      outcome: set('outcome') as (value: RuptureOutcomeId | null) => void,
      minute: set('minute'),
      repairMinute: set('repairMinute'),
      clientResponse: set('clientResponse'),
    }),
    [onChange, id, set, vocabulary],
  );

  const localRepairError =
    rupture.minute !== null && rupture.repairMinute !== null && rupture.repairMinute < rupture.minute
      ? repairBeforeRupture
      : undefined;
  // A warning, not an error: the note saves as it is. A signed note can no longer act on it.
  const pastEnd = ruptureMinuteWarnings(rupture, readOnly ? undefined : sessionMinutes);
  // A rupture with a problem to fix is never folded away.
  const foldable = isRuptureComplete(rupture) && !localRepairError && errorUnder(errors, path) === undefined;
  const folded = collapsed && foldable;

  useEffect(() => {
    const target = focusAfterToggle.current;
    focusAfterToggle.current = null;
    if (target === 'fields' && !folded) ref.current?.querySelector<HTMLInputElement>('input')?.focus();
    if (target === 'summary' && folded) editButton.current?.focus();
  }, [folded]);
  const unfold = useCallback(() => {
    focusAfterToggle.current = 'fields';
    onCollapsedChange(id, false);
  }, [onCollapsedChange, id]);
  const fold = useCallback(() => {
    focusAfterToggle.current = 'summary';
    onCollapsedChange(id, true);
  }, [onCollapsedChange, id]);

  return (
    <div className="rupture-entry">
      {folded && (
        <div className="rupture-summary">
          <span className="rupture-summary-name">Rupture {index + 1}</span>
          <span className="rupture-summary-text">{ruptureSummary(rupture, vocabulary)}</span>
          <button
            type="button"
            className="secondary"
            ref={editButton}
            aria-expanded={false}
            aria-controls={fieldsetId}
            onClick={unfold}
          >
            <Pencil aria-hidden="true" size={14} /> {readOnly ? 'Show' : 'Edit'}
            <span className="visually-hidden"> rupture {index + 1}</span>
          </button>
        </div>
      )}
      <fieldset className="rupture" ref={ref} id={fieldsetId} hidden={folded}>
        <legend>Rupture {index + 1}</legend>
        <RadioGroup
          label="Rupture type"
          options={typeOptions}
          value={type}
          onChange={setters.type}
          disabled={readOnly}
          error={errors[`${path}.type`]}
          layout="cards"
        />
        <CheckboxGroup
          label="Markers"
          description={`What showed the ${type === 'withdrawal' ? 'client moving away' : 'client moving against you or the work'}.`}
          options={markers}
          selected={rupture.markers}
          onChange={setters.markers}
          disabled={readOnly}
          error={errorUnder(errors, `${path}.markers`)}
        />
        <CheckboxGroup
          label="Your own reactions (optional)"
          description="Therapist-side markers: what you noticed in yourself that signalled the strain. Part of the signed progress note, which the client may ask to read; keep fuller reflections for the process note."
          options={therapistMarkerOptions}
          selected={rupture.therapistMarkers ?? []}
          onChange={setters.therapistMarkers}
          disabled={readOnly}
          error={errorUnder(errors, `${path}.therapistMarkers`)}
        />
        <RadioGroup
          label="Salience"
          description="How prominent the rupture was."
          options={salienceOptions}
          value={rupture.salience as Score | null}
          onChange={setters.salience}
          disabled={readOnly}
          error={errors[`${path}.salience`]}
        />
        <CheckboxGroup
          label="Followed a lapse in"
          description="The attunement dimensions that slipped just before the rupture."
          options={lapseOptions}
          selected={rupture.followedLapseOf}
          onChange={setters.followedLapseOf}
          disabled={readOnly}
          error={errorUnder(errors, `${path}.followedLapseOf`)}
          layout="inline"
        />
        <TextAreaField
          label="Context"
          placeholder="What was happening just before, and what was said."
          value={rupture.context}
          onChange={setters.context}
          readOnly={readOnly}
          error={errors[`${path}.context`]}
        />
        <fieldset className="strategy-groups" disabled={readOnly}>
          <legend>Repair strategies</legend>
          {strategyGroups.map((group) => {
            const ids = new Set(group.options.map((o) => o.value));
            return (
              <CheckboxGroup
                key={group.id}
                label={group.label}
                description={group.description}
                options={group.options}
                selected={rupture.strategies.filter((s) => ids.has(s))}
                onChange={setters.strategiesIn(ids)}
                disabled={readOnly}
              />
            );
          })}
          <FieldError
            id={`${fieldsetId}-strategies-error`}
            message={errorUnder(errors, `${path}.strategies`)}
          />
        </fieldset>
        <RadioGroup
          label="Outcome"
          options={outcomeOptions}
          value={rupture.outcome}
          onChange={setters.outcome}
          disabled={readOnly}
          error={errors[`${path}.outcome`]}
          layout="cards"
        />
        <div className="grid2 rupture-minutes">
          <NumberField
            label="Minute of rupture"
            description="Optional: minutes into the session."
            warning={pastEnd.minute ?? null}
            value={rupture.minute}
            onChange={setters.minute}
            min={0}
            max={600}
            step={1}
            readOnly={readOnly}
            error={errors[`${path}.minute`]}
          />
          <NumberField
            label="Minute of repair"
            description="Optional."
            warning={pastEnd.repairMinute ?? null}
            value={rupture.repairMinute}
            onChange={setters.repairMinute}
            min={0}
            max={600}
            step={1}
            readOnly={readOnly}
            error={localRepairError ?? errors[`${path}.repairMinute`]}
          />
        </div>
        <TextAreaField
          label="Client response"
          placeholder="How the client responded to the repair."
          value={rupture.clientResponse}
          onChange={setters.clientResponse}
          readOnly={readOnly}
          error={errors[`${path}.clientResponse`]}
        />
        <div className="rupture-actions">
          {foldable && (
            <button
              type="button"
              className="secondary"
              aria-expanded={true}
              aria-controls={fieldsetId}
              onClick={fold}
            >
              <ChevronUp aria-hidden="true" size={14} /> Collapse
              <span className="visually-hidden"> rupture {index + 1}</span>
            </button>
          )}
          {!readOnly && (
            <ConfirmableButton
              label="Remove rupture"
              needsConfirmation={hasContent(rupture)}
              question={`Remove rupture ${index + 1} and everything written in it?`}
              confirmLabel="Remove"
              keepLabel="Keep"
              onConfirm={() => onRemove(id)}
            />
          )}
        </div>
      </fieldset>
    </div>
  );
});
