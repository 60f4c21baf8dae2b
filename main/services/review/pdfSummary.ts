/**
 * The case summary PDF as it may leave the machine: printed by the shell (Electron's
 * printToPDF), checked to be a PDF, its document dates set to the packet's and its creator and
 * producer removed; with shifted dates, refused if it still holds today's date.
 */
import { AttuneError } from '../../../shared/errors';
import { scrubPdfMetadata } from './pdfMetadata';
import { daysWrittenIn, todays } from './realDates';

/** What a PDF printed from a preview is named and dated by: the packet's alias and "made" time. */
export interface PrintablePacket {
  alias: string;
  createdAt: string;
  dateShiftApplied: boolean;
}

/** Prints the summary of `packet` through `print`; `now` are the clocks whose today must not appear. */
export async function printSummary(
  packet: PrintablePacket,
  print: () => Promise<Uint8Array>,
  now: Date[],
): Promise<Buffer> {
  let printed: Buffer;
  try {
    printed = Buffer.from(await print());
  } catch {
    throw new AttuneError('io', 'The case summary could not be printed to PDF. Try again.');
  }
  if (printed.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new AttuneError('io', 'Printing did not produce a PDF. Try again.');
  }
  const pdf = scrubPdfMetadata(printed, packet.createdAt);
  const today = now.flatMap(todays);
  if (packet.dateShiftApplied && daysWrittenIn(pdf.toString('latin1'), today).length > 0) {
    throw new AttuneError(
      'internal',
      'The PDF still held today’s date, which would give away the date shift, so it was not saved. ' +
        'Save it with real dates (untick Shift dates) or share the encrypted packet only.',
    );
  }
  return pdf;
}
