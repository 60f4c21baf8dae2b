import type { MeasureFlag } from '../../../../shared/measures/measureFlags';

/**
 * A measure's flags in words. The risk item and a reliable deterioration are warnings; the
 * clinical range and a low item are information. Announced politely as they change while typing.
 */
export function MeasureFlags({ flags }: { flags: readonly MeasureFlag[] }) {
  return (
    <ul className="measure-flags" aria-live="polite" aria-label="Measure flags">
      {flags.map((flag) => (
        <li
          key={`${flag.kind}-${'itemId' in flag ? flag.itemId : ''}`}
          className={
            flag.kind === 'risk-item' || flag.kind === 'reliable-deterioration' ? 'flag-warning' : 'flag-info'
          }
        >
          {flag.kind === 'risk-item' ? <strong>Risk follow-up: </strong> : null}
          {flag.message}
        </li>
      ))}
    </ul>
  );
}
