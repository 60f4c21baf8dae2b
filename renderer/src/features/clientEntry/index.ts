export { ClientEntryScreen } from './ClientEntryScreen';
export { HandToClient } from './HandToClient';
