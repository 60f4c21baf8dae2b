// The diagnosis service tests, run again over a format-2 vault (several computers, FORMAT.md).
import { setKitVaultFormat } from '../serviceKit';
import { checkRanOverFormat2 } from './format2Kit';

setKitVaultFormat(2);
await import('../diagnoses.test');
checkRanOverFormat2();
