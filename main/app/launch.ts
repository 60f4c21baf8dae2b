import { launchModeOf } from './cliArgs';

/**
 * Chromium's and Node's switches that open the running app to a debugger, as Chromium reads
 * them: one or two dashes (or a slash, on Windows), any case.
 */
const DEBUG_SWITCH = /^(?:--?|\/)(remote-debugging-(port|pipe|address)|inspect(-brk|-port)?|js-flags)(=|$)/i;

/** The app's own switches: those before `--cli` (the command line's arguments are its own) or a lone `--`. */
function appSwitches(argv: readonly string[]): string[] {
  const end = argv.findIndex((arg) => arg === '--cli' || arg === '--');
  return (end === -1 ? argv : argv.slice(0, end)).filter(
    (arg) => arg.startsWith('-') || (process.platform === 'win32' && arg.startsWith('/')),
  );
}

/** What the entry hands to `launch`: the process's arguments and the two ways to run. */
export interface LaunchDeps {
  argv: readonly string[];
  /** process.defaultApp: started by the default Electron (`electron .`) rather than packaged. */
  defaultApp: boolean;
  /** Starts the windowed app (startApp with the real Electron). */
  startApp(): Promise<unknown>;
  /** Runs the `attune` command line with these arguments; resolves with its exit code. */
  runCli(args: string[]): Promise<number>;
  /** Called before the CLI runs: no Dock icon, nothing the windowed app would set up. */
  beforeCli(): void;
  /** Resolves once everything written to stdout and stderr has been handed to the OS. */
  flushOutput(): Promise<void>;
  /** Ends the process with this code (Electron's app.exit: no window, no quit events). */
  exit(code: number): void;
}

/**
 * The entry's one decision: the windowed app, or the command line (`Attune --cli …`). In CLI
 * mode no window is created and the single-instance lock is never asked for, so a running app
 * is not disturbed (a vault it holds open is reported as in use by the CLI, as `attune` does).
 */
export async function launch(deps: LaunchDeps): Promise<void> {
  // Chromium's debugging switches would let whoever started Attune so read the unlocked window
  // (the packaging fuses stop Node's --inspect, not these). Refused in the installed app; a
  // developer's `electron .` may use them.
  const debugSwitch = appSwitches(deps.argv).find((arg) => DEBUG_SWITCH.test(arg));
  if (!deps.defaultApp && debugSwitch !== undefined) {
    console.error(
      `Attune does not start with ${debugSwitch.split('=')[0]}: it would expose your unlocked notes.`,
    );
    deps.exit(2);
    return;
  }
  const mode = launchModeOf(deps.argv, { defaultApp: deps.defaultApp });
  if (mode.kind === 'app') {
    await deps.startApp();
    return;
  }
  deps.beforeCli();
  const code = await deps.runCli(mode.args);
  await deps.flushOutput();
  deps.exit(code);
}
