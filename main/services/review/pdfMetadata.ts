/**
 * The case summary PDF's document information, made safe to share. Chromium's printToPDF (Skia)
 * writes the real time of printing as /CreationDate and /ModDate, and its own name and version
 * as /Creator and /Producer: next to a packet whose dates are shifted, the real date gives the
 * offset away. The entries are rewritten in place, byte for byte the same length, so the
 * cross-reference offsets of the file stay valid without rewriting the PDF.
 */

/** Entries that say when and with what the PDF was made. */
const ENTRY = /\/(CreationDate|ModDate|Producer|Creator)(?=[\s(<])/g;
const WHITESPACE = /[\0\t\n\f\r ]/;

/** The end (exclusive) of the value that starts at `at`: a literal or hex string, or `n g R`. */
function valueEnd(text: string, at: number): number | null {
  if (text[at] === '(') {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\\') i++;
      else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) return i + 1;
    }
    return null;
  }
  if (text[at] === '<' && text[at + 1] !== '<') {
    const end = text.indexOf('>', at);
    return end < 0 ? null : end + 1;
  }
  const ref = /^\d+\s+\d+\s+R/.exec(text.slice(at, at + 24));
  return ref ? at + ref[0].length : null;
}

/** A PDF date string for an ISO instant, in UTC: `(D:20250302091500+00'00')`. */
export function pdfDate(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}` +
    `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}`;
  return `(D:${stamp}+00'00')`;
}

/**
 * `pdf` with its creation and modification dates set to `madeAt` (the packet's own "made" time,
 * shifted when its dates are) and its Creator and Producer removed. An entry whose value cannot
 * be replaced within its own bytes is removed whole (blanked to spaces, which PDF ignores).
 */
export function scrubPdfMetadata(pdf: Buffer, madeAt: string): Buffer {
  const text = pdf.toString('latin1');
  const out = Buffer.from(pdf);
  const date = pdfDate(madeAt);
  for (const match of text.matchAll(ENTRY)) {
    const start = match.index;
    let at = start + match[0].length;
    while (at < text.length && WHITESPACE.test(text[at]!)) at++;
    const end = valueEnd(text, at);
    if (end === null) continue; // not an entry of a dictionary after all (binary data)
    const isDate = match[1] === 'CreationDate' || match[1] === 'ModDate';
    if (isDate && text[at] === '(' && end - at >= date.length) {
      out.write(date.padEnd(end - at, ' '), at, 'latin1');
    } else {
      out.fill(0x20, start, end);
    }
  }
  return out;
}
