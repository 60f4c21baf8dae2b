// The Electron entry: the only file in main/app that imports Electron's values. Everything it
// does lives in startApp, which unit tests drive with a recording stand-in; `Attune --cli …`
// runs the command line instead (launch.ts decides, before any window or lock).
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  powerMonitor,
  protocol,
  session,
  shell,
} from 'electron';
import { processIo } from '../cli/CliIo';
import { runCli } from '../cli/runCli';
import { createBackend } from '../ipc/createBackend';
import { launch } from './launch';
import { appPaths, startApp } from './startApp';

const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((done) => stream.write('', () => done()));

launch({
  argv: process.argv,
  defaultApp: process.defaultApp === true,
  startApp: () =>
    startApp(
      {
        app,
        BrowserWindow,
        clipboard,
        dialog,
        ipcMain,
        Menu,
        nativeTheme,
        powerMonitor,
        protocol,
        session,
        shell,
      },
      { paths: appPaths(__dirname), createBackend },
    ),
  runCli: (args) => runCli(args, processIo),
  beforeCli: () => app.dock?.hide(),
  flushOutput: async () => {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  },
  exit: (code) => app.exit(code),
}).catch((error: unknown) => {
  console.error('[attune] could not start:', error);
  app.quit();
});
