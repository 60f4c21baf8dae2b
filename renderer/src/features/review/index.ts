/** Supervisor case review: building packets, review mode, and returned comments beside the sessions. */
import './review.css';

export { ImportCommentsPanel } from './ImportCommentsPanel';
export { PacketBuilder } from './PacketBuilder';
export { ReviewPacketPage } from './ReviewPacketPage';
export { ReviewPacketsPage } from './ReviewPacketsPage';
export { CaseComments, SessionComments } from './SupervisorComments';
export { useSupervisorComments } from './useSupervisorComments';
