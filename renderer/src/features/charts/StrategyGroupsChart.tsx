import { memo } from 'react';
import { chartCatalog } from './chartCatalog';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import type { StrategyGroupRow } from './caseloadRows';
import { percent, plural } from './chartFormat';
import { endLabelledBar, percentValueAxis, TooltipBox } from './chartParts';
import type { BarStyle } from './chartTheme';
import { HorizontalBarChart } from './HorizontalBarChart';

const { title } = chartCatalog['strategy-groups'];
const barStyle: BarStyle = { color: 'var(--chart-resolved)', hatch: 'none' };
const seriesName = 'Success rate (resolved 1, partially resolved ½)';
const legend: LegendItem[] = [{ kind: 'bar', label: seriesName, style: barStyle }];
const groupEndLabel = (row: StrategyGroupRow) => row.barLabel;

/** "Immediate 50% (2 ruptures); Exploratory 75% (3 ruptures). …" */
export function strategyGroupsSummary(rows: readonly StrategyGroupRow[]): string {
  if (rows.length === 0) return 'No repair strategies recorded in this range.';
  const parts = rows.map((r) => `${r.label} ${percent(r.successRate)} (${plural(r.ruptures, 'rupture')})`);
  const few = rows.some((r) => r.ruptures < 10)
    ? ' With fewer than ten ruptures in a group, read this as something to watch, not a finding.'
    : '';
  return (
    `Repair success when immediate strategies were used (clarifying, changing or explaining the task) ` +
    `and when exploratory ones were (opening up what happened between you): ${parts.join('; ')}. ` +
    `A rupture counts once in each group it used.${few}`
  );
}

/**
 * Immediate against exploratory repair (the Alliance-Focused Training split), and the user's own
 * strategies: the success rate of the ruptures in which each group was used.
 */
export const StrategyGroupsChart = memo(function StrategyGroupsChart({
  rows,
}: {
  rows: readonly StrategyGroupRow[];
}) {
  return (
    <ChartFigure
      chartId="strategy-groups"
      headingLevel={2}
      summary={strategyGroupsSummary(rows)}
      legend={legend}
      emptyMessage={rows.length === 0 ? 'No repair strategies recorded in this range.' : null}
      table={() => <StrategyGroupsTable rows={rows} />}
    >
      {(width) => (
        <HorizontalBarChart
          width={width}
          title={title}
          rows={rows}
          rowHeight={34}
          endLabel={groupEndLabel}
          valueAxis={percentValueAxis}
          tooltip={(row) => (
            <TooltipBox
              heading={row.label}
              lines={[
                `Success rate: ${percent(row.successRate)}`,
                `Ruptures: ${row.ruptures}`,
                `Resolved ${row.resolved}, partially ${row.partial}, unresolved ${row.unresolved}` +
                  (row.unrated > 0 ? `, not recorded ${row.unrated}` : ''),
              ]}
            />
          )}
        >
          {endLabelledBar('successPct', seriesName, barStyle.color)}
        </HorizontalBarChart>
      )}
    </ChartFigure>
  );
});

function StrategyGroupsTable({ rows }: { rows: readonly StrategyGroupRow[] }) {
  return (
    <table className="list chart-data">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Ruptures</th>
          <th scope="col">Resolved</th>
          <th scope="col">Partially resolved</th>
          <th scope="col">Unresolved</th>
          <th scope="col">Outcome not recorded</th>
          <th scope="col">Success rate</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.label}</th>
            <td>{r.ruptures}</td>
            <td>{r.resolved}</td>
            <td>{r.partial}</td>
            <td>{r.unresolved}</td>
            <td>{r.unrated}</td>
            <td>{percent(r.successRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
