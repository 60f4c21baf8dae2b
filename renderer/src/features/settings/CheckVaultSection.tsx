import { ShieldCheck } from 'lucide-react';
import { useEffect, useState } from 'react';
import {
  adviceFor,
  describeCause,
  describeDamagedRecord,
  describeVaultProblem,
  type RepairResult,
  type VaultCheckReport,
} from '../../../../shared/domain/vaultCheckReport';
import type { Events } from '../../../../shared/ipc/events';
import { Icon } from '../../components/Icon';
import { useFocusBackAfterBusy } from '../../components/useFocusBackAfterBusy';
import { call, messageOf, onEvent } from '../../data/api';
import { formatDate, formatDateTime } from '../../format/dates';
import { checkedCount, healthyCheckText } from './checkWords';
import { RepairFromBackup, RepairOutcome } from './RepairFromBackup';

type Progress = Events['vault:progress'];

/**
 * Settings → Check the vault: reads every record and compares it with what Attune last saved,
 * with progress, then says in plain words what is damaged (which client, session or note) and
 * what to do. The check itself changes nothing.
 */
export function CheckVaultSection() {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<VaultCheckReport | null>(null);
  const [repaired, setRepaired] = useState<RepairResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Disabled while the check runs: it gets the focus back when the result is shown.
  const checkButton = useFocusBackAfterBusy(running);

  useEffect(
    () =>
      onEvent('vault:progress', (next) => {
        if (next.task === 'verify') setProgress(next);
      }),
    [],
  );

  async function run() {
    setRunning(true);
    setProgress(null);
    setReport(null);
    setRepaired(null);
    setError(null);
    try {
      setReport(await call('vault:check'));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setRunning(false);
    }
  }

  return (
    <section className="card" aria-labelledby="check-vault-title">
      <h2 id="check-vault-title" className="section-title">
        <Icon icon={ShieldCheck} /> Check the vault
      </h2>
      <p className="muted">
        Reads every client, session and note and checks that each is exactly what Attune last saved, and that
        nothing was removed or put back from an older copy. It changes nothing. Run it after a disk problem, a
        crash, or if a sync tool touched the vault folder.
      </p>
      <button type="button" onClick={run} disabled={running} ref={checkButton}>
        {running ? 'Checking…' : 'Check the vault'}
      </button>
      {running && (
        <div className="progress-line">
          <label htmlFor="check-vault-progress">
            {progress ? `Checked ${progress.done} of ${progress.total} records` : 'Starting the check…'}
          </label>
          <progress
            id="check-vault-progress"
            max={Math.max(1, progress?.total ?? 1)}
            value={progress?.done ?? 0}
          />
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div aria-live="polite">
        {repaired && <RepairOutcome result={repaired} />}
        {report && <CheckResult report={report} />}
      </div>
      {report?.repair && report.damaged.length > 0 && (
        <RepairFromBackup
          offer={report.repair}
          onDone={(result) => {
            setRepaired(result);
            setReport(result.report);
          }}
        />
      )}
    </section>
  );
}

/** The outcome of one check, in words. */
function CheckResult({ report }: { report: VaultCheckReport }) {
  const when = formatDateTime(report.checkedAt);
  if (report.ok) {
    return (
      <>
        <p>
          <strong>No problems found.</strong> {healthyCheckText(report.records, when)}
        </p>
        {/* Damage whose records were restored stays on record (FORMAT.md §9.1): information, not a failure. */}
        {report.vaultProblems.length > 0 && (
          <ul aria-label="Repairs on record">
            {report.vaultProblems.map((problem) => (
              <li key={`${problem.part}/${problem.device ?? ''}`}>{describeVaultProblem(problem)}</li>
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <div className="check-result">
      <h3>
        {report.damaged.length > 0
          ? `Problems found: ${report.damaged.length} ${report.damaged.length === 1 ? 'record is' : 'records are'} damaged`
          : 'Problems found'}
      </h3>
      <p className="muted">{checkedCount(report.records, when)}</p>
      {report.damaged.length > 0 && (
        <ul aria-label="Damaged records">
          {report.damaged.map((record) => (
            <li key={`${record.kind}/${record.id}`}>
              {describeDamagedRecord(record, (iso) => formatDate(iso))}{' '}
              {describeCause(record.cause, record.device)}.
            </li>
          ))}
        </ul>
      )}
      {report.vaultProblems.length > 0 && (
        <ul aria-label="Problems with the vault as a whole">
          {report.vaultProblems.map((problem) => (
            <li key={`${problem.part}/${problem.device ?? ''}`}>{describeVaultProblem(problem)}</li>
          ))}
        </ul>
      )}
      <h3>What to do</h3>
      <p>{adviceFor(report)}</p>
    </div>
  );
}
