import { memo, useMemo } from 'react';
import type { CaseloadMirror } from '../../../../shared/analytics/mirror';
import type { EpisodeGroup } from '../../../../shared/analytics/mirrorEpisodes';
import {
  agreementSentence,
  episodeSentence,
  outcomeSourceSentence,
} from '../../../../shared/analytics/mirrorWords';
import { type AgreementReading, agreementReadings } from '../../../../shared/analytics/ratingAgreement';
import { ChartFigure } from './ChartFigure';
import type { LegendItem } from './ChartLegend';
import { chartCatalog } from './chartCatalog';
import { endLabelledBar, TooltipBox } from './chartParts';
import type { BarStyle } from './chartTheme';
import { HorizontalBarChart } from './HorizontalBarChart';
import { readingWords } from './MirrorAgreementChart';
import { changeText } from './mirrorRows';

interface GroupRow {
  label: string;
  group: EpisodeGroup;
  /** The mean change, 0 when there is none (the bar is then not drawn: see barLabel). */
  mean: number;
  barLabel: string;
}

const { title: episodeTitle } = chartCatalog['mirror-episodes'];
const changeStyle: BarStyle = { color: 'var(--chart-feedback)', hatch: 'none' };
const changeName = 'Mean outcome change by the next session';
const groupEndLabel = (row: GroupRow) => row.barLabel;

function groupRow(label: string, group: EpisodeGroup): GroupRow {
  const n = `${group.withChange} of ${group.episodes} episode${group.episodes === 1 ? '' : 's'}`;
  return {
    label,
    group,
    mean: group.meanChange ?? 0,
    barLabel:
      group.meanChange === null ? `no change to compare (${n})` : `${changeText(group.meanChange)} (${n})`,
  };
}

export interface CaseloadMirrorChartProps {
  mirror: CaseloadMirror;
  /** Client codes by id, for the per-client table. */
  clientCodes: ReadonlyMap<string, string>;
}

/** The mean outcome change after resolved and not fully resolved rupture episodes, with the counts behind each. */
export const CaseloadEpisodesChart = memo(function CaseloadEpisodesChart(props: CaseloadMirrorChartProps) {
  const { mirror, clientCodes } = props;
  const g = mirror.episodeGroups;
  const rows = useMemo(
    () => [groupRow('Resolved', g.resolved), groupRow('Not fully resolved', g.unresolved)],
    [g],
  );
  const reach = Math.max(5, ...rows.map((r) => Math.ceil(Math.abs(r.mean))));
  const summary = `${outcomeSourceSentence(mirror.outcomeSources)} ${episodeSentence(g)}`;
  const legend: LegendItem[] = [{ kind: 'bar', label: changeName, style: changeStyle }];
  return (
    <ChartFigure
      chartId="mirror-episodes"
      headingLevel={3}
      summary={summary}
      legend={legend}
      emptyMessage={g.resolved.episodes + g.unresolved.episodes === 0 ? summary : null}
      table={() => <EpisodesTable mirror={mirror} clientCodes={clientCodes} />}
    >
      {(width) => (
        <HorizontalBarChart
          width={width}
          title={episodeTitle}
          rows={rows}
          rowHeight={40}
          endLabel={groupEndLabel}
          // Ticks at the ends, halfway and at 0: the bars go either way from no change.
          valueAxis={{
            domain: [-reach, reach],
            ticks: [-reach, -reach / 2, 0, reach / 2, reach],
            tickFormatter: (v: number) => changeText(v),
          }}
          tooltip={(row) => (
            <TooltipBox
              heading={`${row.label} rupture episodes`}
              lines={[
                `Episodes: ${row.group.episodes}, ${row.group.withChange} with an outcome before and after`,
                `Mean change: ${changeText(row.group.meanChange)}; median: ${changeText(row.group.medianChange)}`,
              ]}
            />
          )}
        >
          {endLabelledBar('mean', changeName, changeStyle.color)}
        </HorizontalBarChart>
      )}
    </ChartFigure>
  );
});

function groupCells(group: EpisodeGroup) {
  return (
    <>
      <td>{group.episodes}</td>
      <td>{group.withChange}</td>
      <td>{changeText(group.meanChange)}</td>
      <td>{changeText(group.medianChange)}</td>
    </>
  );
}

function EpisodesTable({
  mirror,
  clientCodes,
}: {
  mirror: CaseloadMirror;
  clientCodes: ReadonlyMap<string, string>;
}) {
  const g = mirror.episodeGroups;
  return (
    <>
      <table className="list chart-data">
        <caption>{episodeTitle}: episodes, those with an outcome before and after, and the change</caption>
        <thead>
          <tr>
            <th scope="col">Rupture episodes</th>
            <th scope="col">Episodes</th>
            <th scope="col">With an outcome before and after</th>
            <th scope="col">Mean change</th>
            <th scope="col">Median change</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Resolved</th>
            {groupCells(g.resolved)}
          </tr>
          <tr>
            <th scope="row">Not fully resolved</th>
            {groupCells(g.unresolved)}
          </tr>
          <tr>
            <th scope="row">Outcome not recorded</th>
            <td>{g.unrated}</td>
            <td>—</td>
            <td>—</td>
            <td>—</td>
          </tr>
        </tbody>
      </table>
      <table className="list chart-data">
        <caption>The same by client (clients with at least one rupture episode)</caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Outcome</th>
            <th scope="col">Resolved episodes</th>
            <th scope="col">Mean change after resolved</th>
            <th scope="col">Not fully resolved episodes</th>
            <th scope="col">Mean change after not fully resolved</th>
          </tr>
        </thead>
        <tbody>
          {mirror.perClient.map((c) => (
            <tr key={c.clientId}>
              <th scope="row">{clientCodes.get(c.clientId) ?? c.clientId}</th>
              <td>{c.outcomeSource === 'outcome-scale' ? 'Outcome rating' : 'Feedback total'}</td>
              <td>
                {c.episodeGroups.resolved.episodes} ({c.episodeGroups.resolved.withChange} compared)
              </td>
              <td>{changeText(c.episodeGroups.resolved.meanChange)}</td>
              <td>
                {c.episodeGroups.unresolved.episodes} ({c.episodeGroups.unresolved.withChange} compared)
              </td>
              <td>{changeText(c.episodeGroups.unresolved.meanChange)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

interface ReadingRow {
  label: string;
  reading: AgreementReading;
  sessions: number;
  barLabel: string;
}

const { title: agreementTitle } = chartCatalog['mirror-agreement-caseload'];
const readingStyle: BarStyle = { color: 'var(--chart-resolved)', hatch: 'none' };
const readingName = 'Sessions';
const readingEndLabel = (row: ReadingRow) => row.barLabel;

/** How many sessions read each way: agreement, and the self-rating blind spot. */
export const CaseloadAgreementChart = memo(function CaseloadAgreementChart(props: CaseloadMirrorChartProps) {
  const { mirror } = props;
  const a = mirror.agreement;
  const rows = useMemo(
    () =>
      agreementReadings.map((reading) => ({
        label: readingWords[reading],
        reading,
        sessions: a.counts[reading],
        barLabel: `${a.counts[reading]} of ${a.compared}`,
      })),
    [a],
  );
  const summary = agreementSentence(a);
  return (
    <ChartFigure
      chartId="mirror-agreement-caseload"
      headingLevel={3}
      summary={summary}
      legend={[{ kind: 'bar', label: readingName, style: readingStyle }]}
      emptyMessage={a.compared === 0 ? summary : null}
      table={() => (
        <table className="list chart-data">
          <caption>
            {agreementTitle}: sessions by reading (your “high” is a mean rating of {a.highRatingLine} or more;
            the client’s “low” is under the concern line of {a.concernLine})
          </caption>
          <thead>
            <tr>
              <th scope="col">Reading</th>
              <th scope="col">Sessions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.reading}>
                <th scope="row">{r.label}</th>
                <td>{r.sessions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    >
      {(width) => (
        <HorizontalBarChart
          width={width}
          title={agreementTitle}
          rows={rows}
          rowHeight={34}
          endLabel={readingEndLabel}
          valueAxis={{ domain: [0, Math.max(1, a.compared)], allowDecimals: false }}
          tooltip={(row) => (
            <TooltipBox heading={row.label} lines={[`${row.sessions} of ${a.compared} sessions`]} />
          )}
        >
          {endLabelledBar('sessions', readingName, readingStyle.color)}
        </HorizontalBarChart>
      )}
    </ChartFigure>
  );
});
