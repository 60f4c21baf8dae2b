/**
 * The review screens' data module: every call they make to main. Packets and comments live in
 * main (the clinician's vault or the reviewer's); nothing here touches the Dexie index.
 */
import type {
  CommentTarget,
  FilePurpose,
  PacketRequestInput,
  ReviewComment,
  ReviewPacket,
  SupervisorComment,
} from '../../../../shared/ipc/contract';
import type { exportPurposeIds } from '../../../../shared/ipc/contracts/filesContract';
import { call } from '../../data/api';

type ExportPurpose = (typeof exportPurposeIds)[number];

/** Exactly what an export of this request would put in the packet. */
export function previewPacket(request: PacketRequestInput): Promise<ReviewPacket> {
  return call('review:preview', request);
}

/** Encrypts the packet to `saveTo`, the path chosen in the save dialog. */
export function exportPacket(request: PacketRequestInput, passphrase: string, saveTo: string) {
  return call('review:exportPacket', { ...request, passphrase, saveTo });
}

/**
 * The save dialog for an export, opened where the last export went at `suggestedName`; the
 * chosen path, or null when the user cancels.
 */
export async function chooseSavePath(purpose: ExportPurpose, suggestedName: string): Promise<string | null> {
  return (await call('files:chooseSaveFile', { purpose, suggestedName }))?.path ?? null;
}

/** Prints the page as it is now (the print view of preview `packetId`) to a PDF at `saveTo`. */
export function savePdfSummary(packetId: string, saveTo: string): Promise<{ path: string; fileId: string }> {
  return call('review:savePdf', { packetId, saveTo });
}

/** The native open dialog; null when the user cancels it. */
export async function chooseReviewFile(purpose: FilePurpose): Promise<string | null> {
  return (await call('files:chooseReviewFile', { purpose }))?.path ?? null;
}

export function openPacket(path: string, passphrase: string): Promise<ReviewPacket> {
  return call('review:openPacket', { path, passphrase });
}

export function listPackets() {
  return call('review:listPackets');
}

export function getPacket(packetId: string): Promise<{ packet: ReviewPacket; comments: ReviewComment[] }> {
  return call('review:getPacket', { packetId });
}

export async function removePacket(packetId: string): Promise<void> {
  await call('review:removePacket', { packetId });
}

/** A new comment, or (with `id`) new text for a saved one. */
export function saveComment(
  packetId: string,
  target: CommentTarget,
  text: string,
  id?: string,
): Promise<ReviewComment> {
  return call('review:saveComment', { packetId, target, text, ...(id === undefined ? {} : { id }) });
}

export async function deleteComment(id: string): Promise<void> {
  await call('review:deleteComment', { id });
}

/** Refused (wrong-passphrase) unless it is the packet's passphrase. */
export async function checkPacketPassphrase(packetId: string, passphrase: string): Promise<void> {
  await call('review:checkPacketPassphrase', { packetId, passphrase });
}

export function exportComments(packetId: string, reviewerName: string, passphrase: string, saveTo: string) {
  return call('review:exportComments', { packetId, reviewerName, passphrase, saveTo });
}

export function importComments(path: string, passphrase: string) {
  return call('comments:import', { path, passphrase });
}

export function listSupervisorComments(clientId: string): Promise<SupervisorComment[]> {
  return call('comments:list', { clientId });
}

export function setCommentAddressed(id: string, addressed: boolean): Promise<SupervisorComment> {
  return call('comments:setAddressed', { id, addressed });
}
