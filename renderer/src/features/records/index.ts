export { ClientRecordExport } from './ClientRecordExport';
export { NotePdfButton } from './NotePdfButton';
