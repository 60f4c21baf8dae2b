// Runs in the sandboxed renderer before the page: exposes the narrow typed API as
// `window.attune` and nothing else (no ipcRenderer, no Electron event objects).
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './createApi';

contextBridge.exposeInMainWorld('attune', createApi(ipcRenderer));
