/**
 * The text of a PDF printed by Chromium (Skia), for checking what a printed page says. Skia
 * embeds subset fonts with Identity-H encoding: page text is glyph ids in hex strings, and each
 * font's ToUnicode map turns them back into characters. Enough of PDF for that, nothing more:
 * objects, Flate streams, font resources, Tf/Tj/TJ. Text runs are joined as printed; each text
 * object ends a line; ligatures are spelled out.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  for (const match of text.matchAll(/(\d+) 0 obj\b/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? Number.NaN);
    const dataStart = start + streamAt + (body[streamAt + 6] === '\r' ? 8 : 7);
    const raw = Number.isFinite(length)
      ? pdf.subarray(dataStart, dataStart + length)
      : pdf.subarray(dataStart, start + body.lastIndexOf('endstream'));
    const stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw;
    objects.set(Number(match[1]), { dict, stream });
  }
  return objects;
}

const utf16 = (hex: string): string =>
  String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((unit) => Number.parseInt(unit, 16)));

/** A ToUnicode CMap: glyph code → the characters it stands for. */
function readCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(Number.parseInt(from!, 16), utf16(to!));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, to, list] of block[1]!.matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|\[([^\]]*)\])/g,
    )) {
      const first = Number.parseInt(lo!, 16);
      const last = Number.parseInt(hi!, 16);
      const listed = list ? [...list.matchAll(/<([0-9A-Fa-f]+)>/g)].map((m) => utf16(m[1]!)) : null;
      for (let code = first; code <= last; code++) {
        if (listed) map.set(code, listed[code - first] ?? '');
        else {
          const base = utf16(to!);
          map.set(
            code,
            base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + code - first),
          );
        }
      }
    }
  }
  return map;
}

type CMap = Map<number, string>;

/** A page's or form's resources: its fonts by name (with their CMaps) and its form XObjects by name. */
function resourcesOf(dict: string, objects: Map<number, PdfObject>) {
  const ref = /\/Resources\s+(\d+) 0 R/.exec(dict)?.[1];
  const text = ref ? (objects.get(Number(ref))?.dict ?? '') : dict;
  const named = (key: string) => {
    const inline = new RegExp(`/${key}\\s*<<([^>]*)>>`).exec(text)?.[1];
    const byRef = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(text)?.[1];
    const entries = inline ?? (byRef ? (objects.get(Number(byRef))?.dict ?? '') : '');
    return [...entries.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)].map(
      ([, name, num]) => [name!, Number(num)] as const,
    );
  };
  const fonts = new Map<string, CMap>();
  for (const [name, num] of named('Font')) {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(num)?.dict ?? '')?.[1];
    const cmap = toUnicode ? objects.get(Number(toUnicode))?.stream : null;
    if (cmap) fonts.set(name, readCMap(cmap.toString('latin1')));
  }
  return { fonts, forms: new Map(named('XObject')) };
}

/** Appends the text a content stream draws, following the forms it draws (`Do`). */
function drawText(
  content: string,
  resources: ReturnType<typeof resourcesOf>,
  objects: Map<number, PdfObject>,
  depth: number,
): string {
  let out = '';
  let font: CMap | undefined;
  const decode = (hex: string) =>
    (hex.match(/.{4}/g) ?? []).map((code) => font?.get(Number.parseInt(code, 16)) ?? '').join('');
  for (const op of content.matchAll(
    /\/([\w.+-]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ|\bET\b|\/([\w.+-]+)\s+Do\b/g,
  )) {
    if (op[1]) font = resources.fonts.get(op[1]);
    else if (op[2] !== undefined) out += decode(op[2]);
    else if (op[3] !== undefined) for (const s of op[3].matchAll(/<([0-9A-Fa-f]*)>/g)) out += decode(s[1]!);
    else if (op[4]) {
      const form = objects.get(resources.forms.get(op[4]) ?? -1);
      if (form?.stream && depth < 8 && /\/Subtype\s*\/Form/.test(form.dict)) {
        out += drawText(form.stream.toString('latin1'), resourcesOf(form.dict, objects), objects, depth + 1);
      }
    } else out += '\n';
  }
  return out;
}

/** The document's text, page by page, in the order it is drawn. */
export function pdfText(pdf: Buffer): string {
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
  const objects = readObjects(pdf);
  let out = '';
  for (const { dict } of objects.values()) {
    if (!/\/Type\s*\/Page\b/.test(dict)) continue;
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(dict)?.[1] ?? '';
    const resources = resourcesOf(dict, objects);
    for (const [, num] of contents.matchAll(/(\d+) 0 R/g)) {
      const stream = objects.get(Number(num))?.stream;
      if (stream) out += drawText(stream.toString('latin1'), resources, objects, 0);
    }
  }
  // Ligature glyphs ("ﬁ") map to their ligature characters; NFKC spells them out.
  return out.normalize('NFKC');
}
