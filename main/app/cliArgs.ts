/**
 * When the app answers as the `attune` command line: `Attune --cli verify DIR` runs the same
 * commands as `attune verify DIR`, without a window (as VS Code's `code` does with its own
 * flags). This is the app's own argument handling in main: the RunAsNode fuse stays off, and
 * nothing but the CLI's commands can be run this way.
 */

/** The flag that turns the app into its command line; everything after it goes to the CLI. */
export const CLI_FLAG = '--cli';

export type LaunchMode = { kind: 'app' } | { kind: 'cli'; args: string[] };

/**
 * Chromium and Electron switches a launcher may put before the user's arguments (an AppImage's
 * `--no-sandbox`, say), and the process serial number macOS passes to apps opened from Finder.
 */
const isLauncherArg = (arg: string): boolean => arg.startsWith('--') || arg.startsWith('-psn_');

/**
 * The arguments the user gave, from process.argv. A packaged app: [executable, ...user args]. An
 * app started by the default Electron (`electron . --cli …`, `electron out/main/index.js --cli …`,
 * where process.defaultApp is true): [electron, ...switches, app path, ...user args].
 */
export function userArgsOf(argv: readonly string[], defaultApp: boolean): string[] {
  let i = 1;
  if (defaultApp) {
    while (i < argv.length && argv[i]!.startsWith('-')) i++; // Electron's own switches
    i++; // the app path
  }
  return argv.slice(i);
}

/**
 * CLI mode when `--cli` is the first argument the user gave (after any launcher switches): a
 * file or URL handed to the app that merely contains the word never turns it into the CLI.
 */
export function launchModeOf(argv: readonly string[], options: { defaultApp: boolean }): LaunchMode {
  const args = userArgsOf(argv, options.defaultApp);
  let i = 0;
  while (i < args.length && args[i] !== CLI_FLAG && isLauncherArg(args[i]!)) i++;
  return args[i] === CLI_FLAG ? { kind: 'cli', args: args.slice(i + 1) } : { kind: 'app' };
}
