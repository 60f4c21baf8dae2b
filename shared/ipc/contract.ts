import type { z } from 'zod';
import { appearanceContract } from './contracts/appearanceContract';
import { backupContract } from './contracts/backupContract';
import { checkContract } from './contracts/checkContract';
import { clientContract } from './contracts/clientContract';
import { clientEntryContract } from './contracts/clientEntryContract';
import { diagnosisContract } from './contracts/diagnosisContract';
import { filesContract } from './contracts/filesContract';
import { indexContract } from './contracts/indexContract';
import { measureContract } from './contracts/measureContract';
import { noteContract } from './contracts/noteContract';
import { passphraseContract } from './contracts/passphraseContract';
import { planContract } from './contracts/planContract';
import { processNoteContract } from './contracts/processNoteContract';
import { recordsContract } from './contracts/recordsContract';
import { recoveryKeyContract } from './contracts/recoveryKeyContract';
import { reviewContract } from './contracts/reviewContract';
import { safetyPlanContract } from './contracts/safetyPlanContract';
import { sessionNoteContract } from './contracts/sessionNoteContract';
import { syncContract } from './contracts/syncContract';
import { templateContract } from './contracts/templateContract';
import { vaultContract } from './contracts/vaultContract';
import { vaultPlaceContract } from './contracts/vaultPlaceContract';

export type {
  CommentsImportResult,
  CommentTarget,
  PacketListing,
  ReviewComment,
  SupervisorComment,
} from '../review/commentsSchema';
export type { ReviewPacket } from '../review/packetSchema';
export type {
  BackupGeneration,
  BackupSetListing,
  BackupStatus,
  RestoreResult,
} from './contracts/backupContract';
export type { VaultCheckReport } from './contracts/checkContract';
export type { ClientInput, SessionInput } from './contracts/clientContract';
export type { ClientEntryReturn } from './contracts/clientEntryContract';
export type { DiagnosisSaveInput } from './contracts/diagnosisContract';
export type { FilePurpose, FolderPurpose, SavePurpose } from './contracts/filesContract';
export type { MeasureSaveInput } from './contracts/measureContract';
export type {
  HeldDraft,
  SavedDraft,
  SearchHit,
  SearchResults,
  SearchSnippet,
} from './contracts/noteContract';
export type { NewRecoveryKey, RotatedVaultKey } from './contracts/passphraseContract';
export type { PlanContent, PlanDraftInput, PlanReviewDue } from './contracts/planContract';
export type { SessionProcessNote } from './contracts/processNoteContract';
export type { ExportedPacketInfo, PacketRequestInput } from './contracts/reviewContract';
export type { ElevatedRisk, SafetyPlanSaveInput } from './contracts/safetyPlanContract';
export type { SessionNoteInput, StartedSessionNote } from './contracts/sessionNoteContract';
export type {
  ConflictChoice,
  ConflictVersionView,
  ConflictView,
  ConflictWhat,
  SettledSignedNote,
  SyncAnswer,
  SyncProblemView,
  SyncStatusView,
} from './contracts/syncContract';
export type { AppInfo, UnlockStatus, VaultState, VaultStatus } from './contracts/vaultContract';
export { newPassphraseInput, passphraseInput } from './contracts/vaultContract';

/**
 * The one IPC contract: method name (`domain:verb`) → zod input schema and output type, merged
 * from per-domain maps. Main validates every input against these schemas; the renderer's calls
 * are typed by them. Outputs are JSON-safe plain data (ISO date strings, arrays, records).
 */
export const contract = {
  ...vaultContract,
  ...vaultPlaceContract,
  ...passphraseContract,
  ...recoveryKeyContract,
  ...clientContract,
  ...noteContract,
  ...processNoteContract,
  ...templateContract,
  ...sessionNoteContract,
  ...indexContract,
  ...measureContract,
  ...planContract,
  ...diagnosisContract,
  ...reviewContract,
  ...safetyPlanContract,
  ...filesContract,
  ...recordsContract,
  ...backupContract,
  ...checkContract,
  ...syncContract,
  ...appearanceContract,
  ...clientEntryContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What the caller passes (before zod defaults and transforms). */
export type InputOf<M extends Method> = z.input<Contract[M]['input']>;
/** What the handler receives (after validation). */
export type ParsedInputOf<M extends Method> = z.output<Contract[M]['input']>;
export type OutputOf<M extends Method> = Contract[M]['output'];

export const methods = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
