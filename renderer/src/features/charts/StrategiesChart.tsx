import { memo } from 'react';
import { chartCatalog } from './chartCatalog';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import type { StrategyRow } from './caseloadRows';
import { strategiesSummary } from './caseloadSummaries';
import { percent } from './chartFormat';
import { endLabelledBar, percentValueAxis, TooltipBox } from './chartParts';
import type { BarStyle } from './chartTheme';
import { HorizontalBarChart } from './HorizontalBarChart';

const { title } = chartCatalog.strategies;
const barStyle: BarStyle = { color: 'var(--chart-resolved)', hatch: 'none' };
const seriesName = 'Success rate (resolved 1, partially resolved ½)';
const legend: LegendItem[] = [{ kind: 'bar', label: seriesName, style: barStyle }];
const strategyEndLabel = (row: StrategyRow) => row.barLabel;

/** Each strategy's success rate as a horizontal bar, labelled with its uses; most used first. */
export const StrategiesChart = memo(function StrategiesChart({ rows }: { rows: readonly StrategyRow[] }) {
  const summary = strategiesSummary(rows);
  return (
    <ChartFigure
      chartId="strategies"
      headingLevel={2}
      summary={summary}
      legend={legend}
      emptyMessage={rows.length === 0 ? 'No repair strategies recorded in this range.' : null}
      table={() => <StrategiesTable rows={rows} />}
    >
      {(width) => (
        <HorizontalBarChart
          width={width}
          title={title}
          rows={rows}
          rowHeight={34}
          endLabel={strategyEndLabel}
          valueAxis={percentValueAxis}
          tooltip={(row) => (
            <TooltipBox
              heading={row.label}
              lines={[
                `Group: ${row.group}`,
                `Success rate: ${percent(row.successRate)}`,
                `Uses: ${row.uses}`,
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

function StrategiesTable({ rows }: { rows: readonly StrategyRow[] }) {
  return (
    <table className="list chart-data">
      <caption>{title}, most used first</caption>
      <thead>
        <tr>
          <th scope="col">Strategy</th>
          <th scope="col">Group</th>
          <th scope="col">Uses</th>
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
            <td>{r.group}</td>
            <td>{r.uses}</td>
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
