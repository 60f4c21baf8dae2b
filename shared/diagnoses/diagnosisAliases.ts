/**
 * Abbreviations therapists type for diagnoses, and the code prefixes (without dots) each stands
 * for, so "PTSD" or "GAD" finds the codes whose titles spell them out. Keys are lower case.
 * An abbreviation with two common readings (ASD) finds both; ADD and SAD, too loose, are left out.
 */
export const diagnosisAliases: Readonly<Record<string, readonly string[]>> = {
  adhd: ['F90'],
  arfid: ['F5082'],
  asd: ['F840', 'F430'],
  aud: ['F10'],
  bdd: ['F4522'],
  bpd: ['F603'],
  cud: ['F12'],
  did: ['F4481'],
  dmdd: ['F3481'],
  gad: ['F411'],
  ied: ['F6381'],
  mdd: ['F32', 'F33'],
  ocd: ['F42'],
  odd: ['F913'],
  oud: ['F11'],
  pgd: ['F4381'],
  pmdd: ['F3281'],
  ptsd: ['F431'],
};
