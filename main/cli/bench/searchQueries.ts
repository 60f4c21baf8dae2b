/**
 * The benchmark's search queries, words and phrases from the demo notes' themes: frequent, rare,
 * and one of three words. One list for the CLI and UI benchmarks and the reference engine, so
 * their figures are of the same searches.
 */
export const searchQueries = [
  'commute',
  'photographs',
  'argument about money',
  'deadline',
  'flatmate',
  'panic',
  'hospital',
  'cooking',
  'manager',
  'repair',
] as const;

/**
 * How many results the benchmarks ask a search for: the search page's first page (FIRST_PAGE in
 * renderer/src/features/search/SearchPage.tsx, about a screenful), for ours and the reference alike.
 */
export const SEARCH_PAGE = 15;
