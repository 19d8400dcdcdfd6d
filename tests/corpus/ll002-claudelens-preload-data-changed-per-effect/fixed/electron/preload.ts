import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('electronAPI', {
  memory: {
    listProjects: () => ipcRenderer.invoke('memory:listProjects'),
    getProject: (hash: string) => ipcRenderer.invoke('memory:getProject', hash),
  },
  ai: {
    run: (instruction: string, inputContent: string, projectPath: string) =>
      ipcRenderer.invoke('ai:run', instruction, inputContent, projectPath),
    stop: () => ipcRenderer.invoke('ai:stop'),
    onChunk: (cb: (chunk: string) => void) => {
      ipcRenderer.removeAllListeners('ai:chunk');
      ipcRenderer.on('ai:chunk', (_event, chunk) => cb(chunk));
    },
    onDone: (cb: () => void) => {
      ipcRenderer.removeAllListeners('ai:done');
      ipcRenderer.on('ai:done', () => cb());
    },
  },
  onDataChanged: (callback: () => void) => {
    const handler = () => callback();
    ipcRenderer.on('data:changed', handler);
    return () => {
      ipcRenderer.removeListener('data:changed', handler);
    };
  },
});
