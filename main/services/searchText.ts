/**
 * Words and snippets for full-text search. The index and the highlighter share one notion of a
 * word and one folding (lower case, accents removed), so every term the index matched can be
 * found again in the original text and marked there.
 */

import { core } from './searchCore';

/** The pattern of one word, for the index's thread (which tokenizes text folded as here). */
export const WORD_PATTERN = core.wordPattern;
const WORD = new RegExp(WORD_PATTERN.source, WORD_PATTERN.flags);

/**
 * Lower case without diacritics, so "Élan" and "elan" are the same term (searchCore.ts, where the
 * index thread takes it from): folding a whole text and folding each of its words give the same
 * words, so the highlighter finds again, word by word, what the scan and the index matched.
 */
export const foldText: (text: string) => string = core.foldText;

/** One word folded (see foldText). */
export const foldTerm = foldText;

/** The search terms of a text: the words of its folded form, as the index and the scan see them. */
export function searchTerms(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/** The words of a text, as the index sees them before folding. */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** A word's place in a text: [start, end) in UTF-16 units, and its folded form. */
interface WordSpan {
  start: number;
  end: number;
  term: string;
}

/** The words of `text` whose folded form is one of `terms` (folded), in text order. */
export function matchingSpans(text: string, terms: ReadonlySet<string>): WordSpan[] {
  const spans: WordSpan[] = [];
  // Most fields hold none of the terms: one fold of the whole text rules them out cheaply.
  const whole = foldTerm(text);
  if (![...terms].some((term) => whole.includes(term))) return spans;
  for (const m of text.matchAll(WORD)) {
    const term = foldTerm(m[0]);
    if (terms.has(term)) spans.push({ start: m.index, end: m.index + m[0].length, term });
  }
  return spans;
}

export interface Snippet {
  text: string;
  marks: Array<[number, number]>;
}

const ELLIPSIS = '…';

/**
 * About `width` characters of `text` around its first match, cut at spaces, with an ellipsis
 * where text was left out and `marks` at every match inside. Null when nothing matches.
 */
export function snippetAround(spans: readonly WordSpan[], text: string, width = 160): Snippet | null {
  const first = spans[0];
  if (!first) return null;
  // About a third of the window before the first match, the rest after it.
  let start = Math.max(0, first.start - Math.floor(Math.max(0, width - (first.end - first.start)) / 3));
  let end = Math.max(first.end, Math.min(text.length, start + width));
  start = Math.max(0, Math.min(start, end - width));
  if (start > 0) {
    const space = text.slice(start, first.start).search(/\s/);
    start = space >= 0 ? start + space + 1 : first.start;
  }
  if (end < text.length) {
    const lastSpace = text.slice(first.end, end).search(/\s\S*$/);
    if (lastSpace >= 0) end = first.end + lastSpace;
  }
  // Never split a surrogate pair.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end--;

  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  // Each whitespace character becomes one space, so offsets stay the same.
  const body = text.slice(start, end).replace(/\s/g, ' ');
  const shift = prefix.length - start;
  const marks = spans
    .filter((s) => s.start >= start && s.end <= end)
    .map((s): [number, number] => [s.start + shift, s.end + shift]);
  return { text: prefix + body + suffix, marks };
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
