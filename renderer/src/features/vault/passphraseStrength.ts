/** Strength feedback for a new passphrase, from zxcvbn-ts (dictionaries loaded on first use). */
export interface Strength {
  /** 0 (very weak) … 4 (very strong). */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  advice: string;
}

const labels = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

let checker: Promise<
  (value: string) => { score: number; feedback: { warning: string | null; suggestions: string[] } }
> | null = null;

function loadChecker() {
  checker ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(([core, common, en]) => {
    const options = {
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    };
    const engine = new core.ZxcvbnFactory(options);
    return (value: string) => engine.check(value);
  });
  return checker;
}

export async function measureStrength(passphrase: string): Promise<Strength> {
  const check = await loadChecker();
  const result = check(passphrase.slice(0, 256));
  const score = Math.max(0, Math.min(4, result.score)) as Strength['score'];
  const advice =
    result.feedback.warning ||
    result.feedback.suggestions[0] ||
    (score >= 3 ? 'Good passphrase.' : 'Add more words.');
  return { score, label: labels[score], advice };
}

/** The minimum score the create form accepts (zxcvbn "Strong"), on top of shared/domain/passphraseRule. */
export const minimumScore = 3;
