/** The diagnosis search (issue 15): the shipped ICD-10-CM codes searched as a therapist types. */
import { icdCodes } from '../../../shared/diagnoses/icd10cm';
import { searchDiagnoses } from '../../../shared/diagnoses/searchDiagnoses';
import { loadAverage, percentile, since } from './stats';

/** The target: a diagnosis search answers within 30 ms. */
export const DIAGNOSIS_SEARCH_TARGET_MS = 30;

export interface DiagnosisSearchBench {
  codes: number;
  /** The first query of the process, which builds the search's index. */
  firstQueryMs: number;
  samples: number;
  p50: number;
  p95: number;
  max: number;
  loadAverage: number[];
}

/**
 * What a therapist types, keystroke by keystroke: codes, words begun and whole, abbreviations,
 * several words, and a few that match nothing (every code is looked at for those).
 */
export const diagnosisQueries: readonly string[] = [
  ...prefixes('F41.1'),
  ...prefixes('generalized anxiety'),
  ...prefixes('major depressive recurrent'),
  ...prefixes('post traumatic'),
  ...prefixes('Z63.0'),
  ...prefixes('adjustment disorder with mixed anxiety'),
  'F',
  'Z',
  'F43',
  'z91.5',
  'PTSD',
  'adhd',
  'gad',
  'alcohol dependence withdrawal',
  'self-harm',
  'spouse',
  'divorce',
  'homelessness',
  'bereavement',
  'xylophone',
  'qqq',
];

function prefixes(text: string): string[] {
  return Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));
}

/** Times `rounds` passes over the queries (first page of 20, as the screen asks). */
export function measureDiagnosisSearch(rounds = 20): DiagnosisSearchBench {
  const first = performance.now();
  searchDiagnoses('generalized anxiety');
  const firstQueryMs = since(first);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of diagnosisQueries) {
      const start = performance.now();
      searchDiagnoses(query, { limit: 20 });
      times.push(since(start));
    }
  }
  return {
    codes: icdCodes.length,
    firstQueryMs,
    samples: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: Math.max(...times),
    loadAverage: loadAverage(),
  };
}
