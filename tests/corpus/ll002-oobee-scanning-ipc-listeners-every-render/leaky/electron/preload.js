const { contextBridge, ipcRenderer } = require("electron");

contextBridge.exposeInMainWorld("services", {
  startScan: (scanDetails) => ipcRenderer.invoke("startScan", scanDetails),
  scanningUrl: (callback) => {
    // expect: LL002
    ipcRenderer.on("scanningUrl", (event, data) => {
      callback(data);
    });
  },
  scanningCompleted: (callback) => {
    // expect: LL002
    ipcRenderer.on("scanningCompleted", () => {
      callback();
    });
  },
  generatingReport: (callback) => {
    // expect: LL002
    ipcRenderer.on("generatingReport", () => {
      callback();
    });
  },
});
