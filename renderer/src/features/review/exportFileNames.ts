import { calendarDate } from '../../../../shared/analytics/dateRange';
import type { ReviewPacket } from '../../../../shared/ipc/contract';
import { aliasFileStem } from '../../../../shared/review/reviewFiles';

// The names the save dialog suggests, as main names these files in the exports folder: the
// packet's own "made" date (shifted with its dates), never the real day of a shifted packet.

const madeOn = (packet: Pick<ReviewPacket, 'createdAt'>) => packet.createdAt.slice(0, 10);

/** "Client-A-2026-11-02.attune-review" */
export function packetFileName(packet: Pick<ReviewPacket, 'alias' | 'createdAt'>): string {
  return `${aliasFileStem(packet.alias)}-${madeOn(packet)}.attune-review`;
}

/** "Client-A-2026-11-02-summary.pdf" */
export function summaryFileName(packet: Pick<ReviewPacket, 'alias' | 'createdAt'>): string {
  return `${aliasFileStem(packet.alias)}-${madeOn(packet)}-summary.pdf`;
}

/** "Client-A-comments-2026-12-03.attune-comments": dated the day the reviewer sends them, their own day. */
export function commentsFileName(alias: string, now: Date): string {
  return `${aliasFileStem(alias)}-comments-${calendarDate(now.toISOString())}.attune-comments`;
}
