import { describe, expect, it } from 'vitest';
import { pdfDate, scrubPdfMetadata } from '../../../main/services/review/pdfMetadata';

const MADE = '2025-09-10T10:00:05.000Z';
const info = (entries: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<<${entries}>>\nendobj\n`, 'latin1');
const scrub = (entries: string) => scrubPdfMetadata(info(entries), MADE).toString('latin1');

describe('the PDF document information', () => {
  it('gets the packet date, in place, and loses creator and producer', () => {
    const before = info(
      "/Title (Attune)\n/Creator (Chrome \\(X11\\) (nested) 156)\n/Producer (Skia/PDF m156)\n/CreationDate (D:20261202195400+01'00')\n/ModDate (D:20261202195400+01'00')",
    );
    const after = scrubPdfMetadata(before, MADE).toString('latin1');
    expect(after.length).toBe(before.length);
    expect(pdfDate(MADE)).toBe("(D:20250910100005+00'00')");
    expect(after).toContain("/CreationDate (D:20250910100005+00'00')");
    expect(after).toContain("/ModDate (D:20250910100005+00'00')");
    expect(after).toContain('/Title (Attune)');
    expect(after).not.toMatch(/Creator|Producer|Chrome|Skia|nested|2026/);
    expect(after).toMatch(/^%PDF-1\.4\n1 0 obj\n<<[\s\S]*>>\nendobj\n$/);
  });

  it('removes whole an entry it cannot rewrite in its own bytes: hex strings, short dates, references', () => {
    const after = scrub('/Producer <FEFF0053006B00690061> /CreationDate (D:2026) /ModDate 7 0 R /Title (x)');
    expect(after).not.toMatch(/Producer|FEFF|CreationDate|2026|ModDate|7 0 R/);
    expect(after).toContain('/Title (x)');
  });

  it('leaves a PDF without such entries as it was', () => {
    const plain = info('/Type /Catalog /Pages 3 0 R');
    expect(scrubPdfMetadata(plain, MADE).equals(plain)).toBe(true);
  });
});
