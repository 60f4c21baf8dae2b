import type { SafetyPlan } from '../../../../shared/domain/riskSchema';
import { formatDate } from '../../format/dates';
import { planSections } from './safetyPlanForm';

/** The plan as read, part by part in the Stanley–Brown order; `Heading` is h3 on screen, h2 on paper. */
export function SafetyPlanView({
  plan,
  heading: Heading = 'h3',
}: {
  plan: SafetyPlan;
  heading?: 'h2' | 'h3';
}) {
  return (
    <div className="safety-plan-view">
      {planSections.map((section) => (
        <section key={section.key} aria-label={section.title}>
          <Heading>{section.title}</Heading>
          {section.kind === 'environment' ? (
            <p className="prewrap">{plan.safeEnvironment.trim() || 'Nothing written.'}</p>
          ) : section.kind === 'contacts' ? (
            <Items items={plan[section.key].map((c) => (c.reach ? `${c.name}: ${c.reach}` : c.name))} />
          ) : (
            <Items items={plan[section.key]} />
          )}
        </section>
      ))}
      <p className="muted">Reviewed with the client on {formatDate(plan.reviewedOn)}.</p>
    </div>
  );
}

function Items({ items }: { items: readonly string[] }) {
  if (items.length === 0) return <p className="muted">None written.</p>;
  return (
    <ul>
      {items.map((text, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list; items may repeat.
        <li key={i}>{text}</li>
      ))}
    </ul>
  );
}
