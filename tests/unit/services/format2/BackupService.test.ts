// The backup and restore service tests, run again over a format-2 vault (several computers).
import { setKitVaultFormat } from '../serviceKit';
import { checkRanOverFormat2 } from './format2Kit';

setKitVaultFormat(2);
await import('../backup/BackupService.test');
checkRanOverFormat2();
