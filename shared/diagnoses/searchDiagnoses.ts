/**
 * Finds shipped ICD-10-CM codes by code and by words (pure; main answers 'icd:search' with it).
 * A code-like term ("F41", "f43.1") matches codes starting with it; other terms match the title's
 * words whole, by their beginning ("gen anx"), by a shared stem ("depression" → "depressive"),
 * or as an abbreviation (diagnosisAliases). Case, accents and punctuation do not matter. Every
 * term must match; the best matches come first, ties in the code list's order.
 */
import { diagnosisAliases } from './diagnosisAliases';
import { codeKey, type IcdCode, icdCodes } from './icd10cm';

export interface DiagnosisSearchOptions {
  /** At most this many results (default 20). */
  limit?: number;
}

interface IndexedCode {
  readonly entry: IcdCode;
  readonly key: string;
  readonly words: readonly string[];
  readonly stems: readonly string[];
  readonly folded: string;
}

type Term = { kind: 'code'; key: string } | { kind: 'word'; word: string; stem: string };

let index: readonly IndexedCode[] | null = null;

/** Built on the first search (about a millisecond), then kept. */
function indexed(): readonly IndexedCode[] {
  index ??= icdCodes.map((entry) => {
    const folded = foldText(entry.title);
    const words = folded.split(' ');
    return { entry, key: codeKey(entry.code), words, stems: words.map(stem), folded };
  });
  return index;
}

/** Builds the search's index now (tens of ms, once), so the first query typed does not wait for it. */
export function prepareDiagnosisSearch(): void {
  indexed();
}

/** The codes matching `query`, best first; none for a query with nothing to match on. */
export function searchDiagnoses(query: string, options: DiagnosisSearchOptions = {}): IcdCode[] {
  const limit = options.limit ?? 20;
  const terms = termsOf(query);
  if (terms.length === 0 || limit <= 0) return [];
  const scored: Array<{ entry: IcdCode; score: number; order: number }> = [];
  const all = indexed();
  for (let order = 0; order < all.length; order++) {
    const score = scoreOf(all[order]!, terms);
    if (score > 0) scored.push({ entry: all[order]!.entry, score, order });
  }
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map(({ entry }) => entry);
}

/** Lower case, accents and punctuation gone, words separated by one space. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const codeLike = /^[A-Z][0-9][0-9A-Z]?(?:\.?[0-9A-Z]{0,4})?$/;

function termsOf(query: string): Term[] {
  const terms: Term[] = [];
  for (const raw of query
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[\s,;/]+/)) {
    const upper = raw.toUpperCase().replace(/\.$/, '');
    if (codeLike.test(upper)) {
      terms.push({ kind: 'code', key: codeKey(upper) });
      continue;
    }
    for (const word of foldText(raw).split(' ')) {
      if (word) terms.push({ kind: 'word', word, stem: stem(word) });
    }
  }
  return terms;
}

/** 0 when a term does not match; otherwise higher for closer matches. */
function scoreOf(code: IndexedCode, terms: readonly Term[]): number {
  let score = 0;
  for (const [position, term] of terms.entries()) {
    const points = term.kind === 'code' ? codePoints(code.key, term.key) : wordPoints(code, term);
    if (points === 0) return 0;
    score += points;
    // A title that starts with the first word typed ("Generalized anxiety…") reads as the answer.
    if (position === 0 && term.kind === 'word' && code.words[0]?.startsWith(term.word)) score += 5;
  }
  // Among equal word matches, the shorter (less qualified) title first; codes typed keep code order.
  return terms.some((term) => term.kind === 'word') ? score - code.words.length * 0.1 : score;
}

function codePoints(key: string, typed: string): number {
  if (!key.startsWith(typed)) return 0;
  // Every code under a typed prefix scores the same, so they come in code order.
  return key === typed ? 100 : 60;
}

function wordPoints(code: IndexedCode, term: { word: string; stem: string }): number {
  const alias = diagnosisAliases[term.word];
  if (alias?.some((prefix) => code.key.startsWith(prefix))) return 40;
  let best = 0;
  for (let i = 0; i < code.words.length; i++) {
    const word = code.words[i]!;
    if (word === term.word) return 30;
    if (word.startsWith(term.word)) best = Math.max(best, 20 + (5 * term.word.length) / word.length);
    else if (term.stem.length >= 4 && code.stems[i] === term.stem) best = Math.max(best, 15);
  }
  if (best === 0 && term.word.length >= 3 && code.folded.includes(term.word)) best = 5;
  return best;
}

/** A rough English stem, enough to meet "depression" and "depressive", "phobic" and "phobia". */
function stem(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(?:ations?|ions?|ives?|ic|ia|ed|ing|ness|ers?|al|s)$/, '');
}
