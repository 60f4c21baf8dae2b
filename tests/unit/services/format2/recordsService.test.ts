// Export and import (records service) tests, run again over a format-2 vault (several computers).
import { setKitVaultFormat } from '../serviceKit';
import { checkRanOverFormat2 } from './format2Kit';

setKitVaultFormat(2);
await import('../../records/recordsService.test');
checkRanOverFormat2();
