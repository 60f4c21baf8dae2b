// The Electron entry: the only file in main/app that imports Electron's values. Everything it
// does lives in startApp, which unit tests drive with a recording stand-in.
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, session, shell } from 'electron';
import { createBackend } from '../ipc/createBackend';
import { appPaths, startApp } from './startApp';

startApp(
  { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, session, shell },
  { paths: appPaths(__dirname), createBackend },
).catch((error: unknown) => {
  console.error('[attune] could not start:', error);
  app.quit();
});
