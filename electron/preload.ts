// Sandboxed preload: exposes exactly two functions to the page, over one channel each way. It must not
// import our modules (a sandboxed preload can only require 'electron'); types are erased at build time.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { RpcEvent, Transport } from '../shared/api';

const transport: Transport = {
  invoke: (method, args) => ipcRenderer.invoke('cairn:rpc', method, args),
  onEvent(listener) {
    // Pass only the payload: the IPC event object carries `sender`, which must not reach the page.
    const handler = (_e: IpcRendererEvent, payload: RpcEvent): void => listener(payload);
    ipcRenderer.on('cairn:event', handler);
    return () => { ipcRenderer.removeListener('cairn:event', handler); };
  },
};

contextBridge.exposeInMainWorld('cairn', {
  ...transport,
  // Dropped files: since Electron 32 the page cannot see a File's path; this returns it for evidence intake.
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});
