/**
 * De-identification of free text for review packets: every listed name, and each part of it,
 * is replaced where it stands as a whole word, ignoring case and accents. Pure string work,
 * no dictionaries: what it catches and what it cannot is spelled out in
 * docs/review-packet-format.md.
 */

export interface DeidentifyOptions {
  /** Names to remove: full names ("Robin Okafor"), single names ("Mara"), codes ("C-014"). */
  names: readonly string[];
  /** What each occurrence becomes, e.g. the packet alias or "[name]". */
  replacement: string;
}

/**
 * Titles, which are never replaced on their own ("Dr" alone identifies nobody, and replacing it
 * everywhere would turn "Dr. Smith" into "[name]. Smith"), and name particles, which are not
 * replaced on their own unless they open the name ("van" in "Ludwig van Beethoven" is left, the
 * given name "Van" in "Van Morrison" is not). Both are replaced within the full name.
 */
const TITLES: ReadonlySet<string> = new Set(
  'dr mr mrs ms mx miss mister madam prof sir dame rev fr sr jr md phd'.split(' '),
);
const PARTICLES: ReadonlySet<string> = new Set(
  'al ap bin bint da das de degli del della den der di do dos du el ibn la le lo op st te ten ter van von zu'.split(
    ' ',
  ),
);

// A word character for boundaries: letters, combining marks and digits, in any script.
const WORD = '[\\p{L}\\p{M}\\p{N}]';
const COMBINING_MARK = /\p{M}/u;
const FORMAT_CHARACTER = /^\p{Cf}$/u;
const LETTER = /\p{L}/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/gu;
const APOSTROPHES = new Set(["'", '\u2019', '\u2018', '\u02bc', '\u02bb', '\uff07', '`', '\u00b4']);
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/** Text folded for matching, with each folded code unit's span in the original text. */
interface Folded {
  text: string;
  start: number[];
  end: number[];
}

/**
 * Lower case, accents removed, compatibility forms unified (ﬁ → fi), apostrophes made "'".
 * Format characters (soft hyphen, zero-width space, word joiner, …) show as nothing, so they are
 * read both ways, in two passes: kept, they part words ("met\u200bRobin" holds "Robin"); dropped
 * (`dropFormat`), they join them ("Oka\u00adfor" is "Okafor").
 */
function foldChar(ch: string, dropFormat: boolean): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return ch === '`' ? "'" : ch.toLowerCase();
  if (APOSTROPHES.has(ch)) return "'";
  if (FORMAT_CHARACTER.test(ch)) return dropFormat ? '' : ch;
  // Marks are stripped before lower-casing: "İ" decomposes to I + dot, which must not survive.
  return ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function fold(text: string, dropFormat: boolean): Folded {
  let out = '';
  const start: number[] = [];
  const end: number[] = [];
  let at = 0;
  for (const ch of text) {
    const f = foldChar(ch, dropFormat);
    for (let k = 0; k < f.length; k++) {
      start.push(at);
      end.push(at + ch.length);
    }
    out += f;
    at += ch.length;
  }
  return { text: out, start, end };
}

const escapeRegex = (s: string): string => s.replace(REGEX_SYNTAX, '\\$&');
const count = (s: string, pattern: RegExp): number => s.match(pattern)?.length ?? 0;

/** The folded words to look for: each full name, then each of its parts of ≥ 2 letters. */
export function nameVariants(names: readonly string[]): string[] {
  const variants = new Set<string>();
  // Each name folded both ways (foldChar): "Robin\u200bOkafor" gives "robin" and "okafor", and "robinokafor".
  const folds = names.flatMap((name) => [fold(name.trim(), false).text, fold(name.trim(), true).text]);
  for (const whole of folds) {
    const folded = whole.trim();
    // A one-character "name" (an initial) would wipe out ordinary words: left alone.
    if (count(folded, LETTER_OR_DIGIT) < 2) continue;
    variants.add(folded.split(/\s+/u).join(' '));
    addCodeSpellings(variants, folded);
    let opening = true;
    for (const part of folded.split(/[^\p{L}\p{M}\p{N}']+/u)) {
      const word = trimApostrophes(part);
      if (word === '' || TITLES.has(word)) continue;
      if (opening || !PARTICLES.has(word)) addPart(variants, word);
      opening = false;
      // O'Brien → also Brien; d'Ângelo → also Angelo.
      if (word.includes("'"))
        for (const piece of word.split("'")) if (!PARTICLES.has(piece)) addPart(variants, piece);
    }
  }
  return [...variants];
}

/** Client codes are written loosely in notes ("C014", "c_014", "C–014"): cover those spellings. */
function addCodeSpellings(variants: Set<string>, folded: string): void {
  if (!/\p{N}/u.test(folded) || !/\p{L}/u.test(folded)) return;
  const pieces = folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (pieces.length < 2) return;
  // Hyphens and dashes as typed or autocorrected (a non-breaking hyphen folds to U+2010), the minus sign.
  const separators = ['', '-', '_', ' ', '.', '/', '\u2010', '\u2012', '\u2013', '\u2014', '\u2212'];
  for (const separator of separators) variants.add(pieces.join(separator));
}

const trimApostrophes = (s: string): string => s.replace(/^'+|'+$/g, '');

function addPart(variants: Set<string>, part: string): void {
  if (count(part, LETTER) >= 2 && !TITLES.has(part)) variants.add(part);
}

/** One regular expression matching any variant as a whole word (longest variant first). */
function matcherFor(names: readonly string[]): RegExp | null {
  const variants = nameVariants(names).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (variants.length === 0) return null;
  // Whitespace inside a full name matches any run of whitespace ("Robin\n Okafor").
  const body = variants.map((v) => v.split(' ').map(escapeRegex).join('\\s+')).join('|');
  return new RegExp(`(?<!${WORD})(?:${body})(?!${WORD})`, 'gu');
}

/**
 * Replaces every whole-word occurrence of each name, and of each name part of two or more
 * letters, with `replacement`. Case- and accent-insensitive ("ROBIN", "Róbin", "Robin's" all
 * match "Robin"); a name inside a longer word is left alone ("Ann" in "Annual"). Returns the
 * new text; text without names comes back unchanged.
 */
export function deidentify(text: string, options: DeidentifyOptions): string {
  return replaceAll(text, matcherFor(options.names), options.replacement);
}

/** A de-identifier for many fields: the names are prepared once. */
export function createDeidentifier(options: DeidentifyOptions): (text: string) => string {
  const matcher = matcherFor(options.names);
  return (text) => replaceAll(text, matcher, options.replacement);
}

/** Both readings of format characters (foldChar): as word breaks, then as nothing. */
function replaceAll(text: string, matcher: RegExp | null, replacement: string): string {
  if (!matcher || text === '') return text;
  return replaceFolded(replaceFolded(text, matcher, replacement, false), matcher, replacement, true);
}

function replaceFolded(text: string, matcher: RegExp, replacement: string, dropFormat: boolean): string {
  const folded = fold(text, dropFormat);
  let out = '';
  let copied = 0;
  for (const match of folded.text.matchAll(matcher)) {
    const from = folded.start[match.index]!;
    let to = folded.end[match.index + match[0].length - 1]!;
    // Combining marks after the last letter fold to nothing; they belong to the name.
    while (to < text.length && COMBINING_MARK.test(text.charAt(to))) to += 1;
    out += text.slice(copied, from) + replacement;
    copied = to;
  }
  return out === '' && copied === 0 ? text : out + text.slice(copied);
}
