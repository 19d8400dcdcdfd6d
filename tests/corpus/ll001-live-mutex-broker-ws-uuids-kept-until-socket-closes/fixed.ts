import * as net from 'net';

interface UUIDToBool { [uuid: string]: true }
interface KeyToBool { [key: string]: true }

export class Broker {
  wss: net.Server;
  wsToUUIDs: Map<net.Socket, UUIDToBool>;
  wsToKeys: Map<net.Socket, KeyToBool>;

  constructor(port: number) {
    this.wss = net.createServer((ws: net.Socket) => {
      if (!this.wsToKeys.get(ws)) {
        this.wsToKeys.set(ws, {});
      }
      ws.once('end', () => {
        this.cleanupConnection(ws);
        ws.destroy();
      });
      ws.on('data', (v: Buffer) => {
        const data = JSON.parse(String(v));
        if (data.type === 'unlock') {
          return this.unlock(data, ws);
        }
        if (data.type === 'lock') {
          return this.lock(data, ws);
        }
      });
    });
    this.wss.listen(port);
    this.wsToUUIDs = new Map();
    this.wsToKeys = new Map();
  }

  cleanupConnection(ws: net.Socket) {
    this.wsToKeys.delete(ws);
    this.wsToUUIDs.delete(ws);
  }

  lock(data: any, ws: net.Socket) {
    const key = data.key;
    const uuid = data.uuid;
    if (ws && uuid) {
      if (!this.wsToUUIDs.get(ws)) {
        this.wsToUUIDs.set(ws, {});
      }
      this.wsToUUIDs.get(ws)[uuid] = true;
    }
    this.wsToKeys.get(ws)[key] = true;
    ws.write(JSON.stringify({ uuid, key, type: 'lock', acquired: true }));
  }

  unlock(data: any, ws?: net.Socket) {
    const key = data.key;
    const _uuid = data._uuid;
    if (ws) {
      try {
        delete this.wsToKeys.get(ws)[key];
      } catch (err) {
        // ignore
      }
    }
    try {
      delete this.wsToUUIDs.get(ws)[_uuid];
    } catch (err) {
      // ignore
    }
    if (ws) {
      ws.write(JSON.stringify({ uuid: data.uuid, key, type: 'unlock', unlocked: true }));
    }
  }
}
