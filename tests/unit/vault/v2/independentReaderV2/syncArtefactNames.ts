/**
 * The conflict-copy names of FORMAT.md §11, from its table alone: given a file name, the
 * name of the file it is a copy of (itself when it is not a conflict copy), or null for a
 * partial download.
 *
 * GUESSES (§11 is silent): where Dropbox's " (1)" goes (both places accepted); what characters
 * a OneDrive <COMPUTERNAME> or a Dropbox <computer> may hold (letters, digits, ' ', '_', '-',
 * '.' for Dropbox; letters, digits, '_' and '-' for OneDrive); whether iCloud numbers go above
 * 2 (any number accepted); and whether suffixes can stack (a copy of a copy: stripped again).
 */
const PARTIAL = [/^\.syncthing\..+\.tmp$/, /^~.+\.tmp$/, /^\..+\.icloud$/];

const SUFFIXES: RegExp[] = [
  /^(.+)\.sync-conflict-\d{8}-\d{6}-[0-9A-Z]{7}$/, // Syncthing
  /^(.+) \([^()]+'s conflicted copy \d{4}-\d{2}-\d{2}(?: \(\d+\))?\)(?: \(\d+\))?$/, // Dropbox
  /^(.+) \(conflicted copy \d{4}-\d{2}-\d{2} \d{6}\)$/, // Nextcloud
  /^(.+) \(\d+\)$/, // Google Drive
  /^(.+) \d+$/, // iCloud Drive
  /^(.+)-[A-Za-z0-9_-]+$/, // OneDrive (tried last: it is the loosest)
];

/** `name.ext` → `name`, `ext`; the extension is the part after the last dot. */
function split(file: string): [string, string] {
  const dot = file.lastIndexOf('.');
  return dot <= 0 ? [file, ''] : [file.slice(0, dot), file.slice(dot)];
}

/** The original of a conflict copy among `known` names; the name itself if known; null otherwise. */
export function originalName(file: string, known: (name: string) => boolean): string | null {
  if (PARTIAL.some((p) => p.test(file))) return null;
  if (known(file)) return file;
  const [stem, ext] = split(file);
  for (const re of SUFFIXES) {
    const m = re.exec(stem);
    if (m?.[1]) {
      const inner = originalName(`${m[1]}${ext}`, known);
      if (inner) return inner;
    }
  }
  return null;
}
