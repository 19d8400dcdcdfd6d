const { contextBridge, ipcRenderer } = require("electron");

contextBridge.exposeInMainWorld("services", {
  startScan: (scanDetails) => ipcRenderer.invoke("startScan", scanDetails),
  scanningUrl: (callback) => {
    ipcRenderer.removeAllListeners("scanningUrl");
    ipcRenderer.on("scanningUrl", (event, data) => {
      callback(data);
    });
  },
  scanningCompleted: (callback) => {
    ipcRenderer.removeAllListeners("scanningCompleted");
    ipcRenderer.on("scanningCompleted", () => {
      callback();
    });
  },
  generatingReport: (callback) => {
    ipcRenderer.removeAllListeners("generatingReport");
    ipcRenderer.on("generatingReport", () => {
      callback();
    });
  },
  removeAllScanListeners: () => {
    ipcRenderer.removeAllListeners("scanningUrl");
    ipcRenderer.removeAllListeners("scanningCompleted");
    ipcRenderer.removeAllListeners("generatingReport");
  },
});
