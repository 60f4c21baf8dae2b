/**
 * The result of "Check the vault", as the therapist reads it: which clients, sessions and notes
 * are damaged (never file names or hashes), and what to do about it. Main fills in what it can
 * learn about each damaged record; the words are made here, so the app and its tests agree.
 */

/** What a damaged record is, in the therapist's terms. */
export type DamagedWhat =
  | 'client'
  | 'session'
  | 'note'
  | 'process-note'
  | 'template'
  | 'settings'
  | 'review'
  | 'treatment-plan'
  | 'diagnosis'
  | 'safety-plan'
  | 'measure'
  | 'other';

/**
 * Why it cannot be used: its file is gone, was replaced by an older or another record's copy, or
 * is damaged; or (a vault shared between computers) the change that holds its version, saved on
 * `device`, can no longer be read from the vault folder.
 */
export type DamageCause = 'missing' | 'replaced' | 'damaged' | 'change-lost';

export interface ClientLabel {
  code: string;
  displayName?: string | undefined;
}

export interface DamagedRecord {
  what: DamagedWhat;
  /** The record's kind and id in the vault: what a repair names; never shown. */
  kind: string;
  id: string;
  cause: DamageCause;
  /** The client it belongs to (or is), when Attune could find out. */
  client: ClientLabel | null;
  /** When the session it belongs to (or is) began, an ISO date-time, when known. */
  sessionStartsAt: string | null;
  /** A template's name, a diagnosis's code and title, or a plan's version ("version 2"), when known. */
  name: string | null;
  /** The sessions of a damaged client whose own record could not be read, to help recognise it. */
  sessionCount: number | null;
  /** The computer ("Laptop") whose saved change held this record's version, for a shared vault. */
  device?: string;
}

/**
 * A problem with the vault as a whole rather than one record. The `device-…` and `sync-copy`
 * parts concern a vault shared between computers (format 2): each computer writes its own
 * change log, and `device` names the computer.
 */
export type VaultPart =
  | 'header'
  | 'contents'
  | 'audit'
  | 'stray-file'
  | 'records-folder'
  | 'device-damaged'
  | 'device-rolled-back'
  | 'device-missing'
  | 'device-forked'
  | 'device-arriving'
  | 'device-repaired'
  | 'sync-copy';

export interface VaultPartProblem {
  part: VaultPart;
  /** The computer whose change log this is about ("Laptop"), for the `device-…` parts. */
  device?: string;
  /** The change log is this computer's own. */
  own?: boolean;
  /** `device-missing`: the folder of that computer's changes, as the sync app shows it ("devices/<id>"). */
  folder?: string;
  /** `device-repaired`: when the records its damaged part held were restored (ISO 8601). */
  repairedAt?: string;
}

/** Parts that are information, not damage: nothing needs restoring for them. */
const INFORMATION: ReadonlySet<VaultPart> = new Set<VaultPart>([
  'stray-file',
  'device-arriving',
  'device-repaired',
  'sync-copy',
]);

/**
 * Backups of this vault to take the damaged records from. Which backup holds each record intact
 * is found when the user gives the passphrase (the backups are encrypted with it).
 */
export interface RepairOffer {
  /** How many backups of this vault are in the backup folder, and when the newest was written. */
  generations: number;
  newestAt: string;
}

/** What "restore the affected records" did. */
export interface RepairResult {
  /** Records written back, each with the date of the backup it came from. */
  restored: Array<{ record: DamagedRecord; backupAt: string }>;
  /** Damaged records no backup held intact (or changed meanwhile, so left alone). */
  notRestored: DamagedRecord[];
  /**
   * Signed notes no backup held with the same signature (a vault shared by several computers):
   * never replaced by a backup's draft, they were saved again unchanged, as this computer still showed them.
   */
  keptSigned?: DamagedRecord[];
  /** The check run again afterwards. */
  report: VaultCheckReport;
}

export interface VaultCheckReport {
  ok: boolean;
  checkedAt: string;
  /** How many records were checked. */
  records: number;
  damaged: DamagedRecord[];
  vaultProblems: VaultPartProblem[];
  /** Restoring just the damaged records from backups, when backups of this vault are at hand. */
  repair: RepairOffer | null;
  /** Whether any backup folder with backups is known (so "restore a whole backup" is possible). */
  backupsExist: boolean;
}

/** Formats a date-time as a calendar date in the user's own style ("5 Mar 2026"). */
export type DateWords = (isoDateTime: string) => string;

const clientWords = (client: ClientLabel): string =>
  client.displayName ? `client ${client.code} (${client.displayName})` : `client ${client.code}`;

/** Names a damaged record as the therapist knows it: "The note of 5 Mar 2026 for client C-014". */
export function describeDamagedRecord(record: DamagedRecord, date: DateWords): string {
  const { client, sessionStartsAt } = record;
  const forClient = client ? ` for ${clientWords(client)}` : '';
  const ofSession = sessionStartsAt ? ` of ${date(sessionStartsAt)}` : '';
  switch (record.what) {
    case 'note':
      if (!client && !sessionStartsAt)
        return 'A session note (Attune could not tell which session it belongs to)';
      return sessionStartsAt
        ? `The note of the session${ofSession}${forClient}`
        : `A session note${forClient}`;
    case 'process-note':
      if (!client && !sessionStartsAt)
        return 'A private process note (Attune could not tell which session it belongs to)';
      return `The private process note of the session${ofSession}${forClient}`;
    case 'session':
      if (!sessionStartsAt)
        return client ? `A session${forClient} (its date could not be read)` : 'A session';
      return `The session${ofSession}${client ? ` with ${clientWords(client)}` : ''}`;
    case 'client':
      if (client) return `The client record of ${clientWords(client)}`;
      return record.sessionCount
        ? `A client record with ${record.sessionCount} ${record.sessionCount === 1 ? 'session' : 'sessions'} (its code could not be read)`
        : 'A client record (its code could not be read)';
    case 'template':
      return record.name ? `Your note template “${record.name}”` : 'One of your own note templates';
    case 'settings':
      return 'Your settings (signing name, auto-lock time, concern line, your own markers and strategies)';
    case 'review':
      return 'A supervision review record (a case packet, or comments on one)';
    case 'treatment-plan':
      return `${record.name ? `The treatment plan, ${record.name},` : 'A treatment plan version'}${forClient}`;
    case 'diagnosis':
      return `${record.name ? `The diagnosis ${record.name}` : 'A diagnosis'}${forClient}`;
    case 'safety-plan':
      return `A safety plan${forClient}`;
    case 'measure':
      return `A measure score${forClient}`;
    case 'other':
      return 'A record Attune keeps for itself';
  }
}

/** What happened to it, to follow the record's name: "is missing: …". */
export function describeCause(cause: DamageCause, device?: string): string {
  switch (cause) {
    case 'missing':
      return 'is missing: its file was deleted outside Attune';
    case 'replaced':
      return 'was replaced by an older or a different copy, for example by a sync tool or a copy put back by hand';
    case 'damaged':
      return 'is damaged and cannot be read, for example by a disk fault or a copy cut short';
    case 'change-lost':
      return `cannot be read any more: the change that holds it${device ? `, saved on ${device},` : ''} is damaged or missing in the vault folder. It is still shown until the vault is locked`;
  }
}

/** A problem with the vault as a whole, in words. */
export function describeVaultProblem(problem: VaultPartProblem): string {
  switch (problem.part) {
    case 'header':
      return 'The vault’s key file (attune-vault.json) is damaged or was altered.';
    case 'contents':
      return 'The vault’s list of contents (manifest or journal) is damaged or was altered, so Attune cannot tell whether every record is there.';
    case 'audit':
      return 'The audit trail (the record of who did what, and when) is damaged or was altered. Your notes themselves are not affected by this.';
    case 'stray-file':
      return 'The vault folder holds a file Attune did not expect there (perhaps a deleted record put back by a sync tool). Nothing is lost; Attune ignores it.';
    case 'records-folder':
      return 'The folder that holds the records could not be read.';
    case 'device-damaged':
      if (problem.own)
        return 'Part of this computer’s own change log is damaged and cannot be read. If another computer using this vault has received the whole log, open Attune there; otherwise restore the affected records from a backup.';
      return `Part of the change log from ${computer(problem)} is damaged and cannot be read. Open Attune on ${computer(problem)} so the sync app sends its files again, or restore the affected records from a backup.`;
    case 'device-rolled-back':
      return `Changes saved on ${computer(problem)} that this computer had already received are missing from the vault folder: an older copy of its files was put back. Open Attune on ${computer(problem)} so the sync app sends its files again, or restore from a backup.`;
    case 'device-missing': {
      const folder = problem.folder ? ` (${problem.folder})` : '';
      if (problem.own)
        return `The folder of this computer’s own changes${folder} is missing from the vault folder, or holds none of its change log files: it was deleted, or the sync app leaves it out (an ignore rule or a selective sync setting), so changes saved on this computer are not in the vault folder. Look for that folder in your sync app’s deleted files, trash or version history and put it back, or restore from a backup.`;
      return `The folder of the changes saved on ${computer(problem)}${folder} is missing from the vault folder, or holds none of its change log files: it was deleted, or the sync app has not synced it yet or leaves it out (an ignore rule or a selective sync setting). Changes this computer had received from ${computer(problem)} are not in the vault folder; they are still shown while the vault stays open. Look for that folder in your sync app’s deleted files, trash or version history and put it back, or open Attune on ${computer(problem)} so the sync app sends its files again, or restore from a backup.`;
    }
    case 'device-forked':
      return `Two different versions of changes from ${computer(problem)} were found: its Attune data was copied to another computer and used on both. Each of those computers carries on under a new identity when it opens the vault, and writes again the changes of its own that are not shown (the activity log's "restore" entries say what). Open Attune on every computer that used that data, then check the records changed there; this stays listed as a record of the fork.`;
    case 'device-arriving':
      return `The change log from ${computer(problem)} has not finished arriving. Leave the sync app running on both computers, then check again. Nothing is damaged.`;
    case 'device-repaired':
      return `Part of the change log from ${computer(problem)} was damaged. The records it held were restored from backups${problem.repairedAt ? ` on ${problem.repairedAt.slice(0, 10)}` : ''}, and backups carry on; nothing else needs doing. This stays listed as a record of the repair.`;
    case 'sync-copy':
      return 'Your sync app made a conflict copy of one of the vault’s files. Attune reads the changes in it too, so nothing is lost; you do not need to do anything.';
  }
}

const computer = (problem: VaultPartProblem): string =>
  problem.own ? 'this computer' : (problem.device ?? 'another computer');

/** What the therapist should do, given what the check found. */
export function adviceFor(report: VaultCheckReport): string {
  if (report.ok) return 'No problems found. Every record could be read and matches what Attune last saved.';
  const serious = report.damaged.length > 0 || report.vaultProblems.some((p) => !INFORMATION.has(p.part));
  if (!serious) {
    return report.vaultProblems.some((p) => p.part === 'device-arriving')
      ? 'Nothing needs restoring. Some changes from your other computers are still arriving: leave the sync app running, then check again.'
      : 'Nothing needs restoring. You can leave the vault as it is.';
  }
  if (report.repair && report.damaged.length > 0 && onlyRecords(report)) {
    return 'Restore the affected records from your backups: Attune takes each from the newest backup that holds it intact, and the rest of the vault stays as it is.';
  }
  if (report.repair && report.damaged.length > 0 && onlyOwnLog(report)) {
    return 'Restore the affected records from your backups: Attune takes each from the newest backup that holds it intact and saves it again, and this computer starts a new change log. The damaged part of the old one stays listed here, so you know what happened.';
  }
  const resend = [
    ...new Set(
      report.vaultProblems
        .filter(
          (p) =>
            !p.own &&
            (p.part === 'device-damaged' || p.part === 'device-rolled-back' || p.part === 'device-missing'),
        )
        .map(computer),
    ),
  ];
  if (resend.length > 0) {
    const names = resend.join(' and ');
    return `Open Attune on ${names} with the sync app running, so the intact files are sent again, then check again here. If the problems remain, ${report.backupsExist ? 'restore the vault from a backup in Settings → Backups (your current vault is kept aside, not overwritten)' : 'restore the vault from a backup copy, if you have one'}.`;
  }
  if (report.backupsExist) {
    return 'Restore the vault from a backup in Settings → Backups. Your current vault is kept aside, not overwritten.';
  }
  return 'Restore the vault from a backup copy, if you have one (Settings → Backups). Until then, do not delete this vault folder: the records that are intact can still be exported.';
}

/** True when, besides information, only this computer's own change log is damaged or put back (format 2). */
function onlyOwnLog(report: VaultCheckReport): boolean {
  return report.vaultProblems.every(
    (p) =>
      INFORMATION.has(p.part) ||
      (p.own === true &&
        (p.part === 'device-damaged' || p.part === 'device-rolled-back' || p.part === 'device-missing')),
  );
}

/** True when only records are damaged, so putting those records back repairs the vault. */
function onlyRecords(report: VaultCheckReport): boolean {
  return report.vaultProblems.every((p) => INFORMATION.has(p.part));
}
