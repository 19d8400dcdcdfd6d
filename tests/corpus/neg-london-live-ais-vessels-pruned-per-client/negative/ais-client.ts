// Live vessel positions and names from aisstream.io over a WebSocket.

const RECONNECT_DELAY_MS = 15_000;
const STALE_AFTER_MS = 10 * 60_000;
const PRUNE_INTERVAL_MS = 60_000;
const AIS_URL = 'wss://stream.aisstream.io/v0/stream';

export interface Vessel {
  mmsi: number;
  name: string;
  lat: number;
  lon: number;
  sog: number | null;
  lastSeen: number;
}

interface AisMessage {
  MetaData?: { MMSI?: number; ShipName?: string; latitude?: number; longitude?: number };
  Message?: { PositionReport?: { Sog?: number } };
}

export class AisClient {
  private readonly vessels = new Map<number, Vessel>();
  private socket: WebSocket | null = null;
  private stopped = false;

  constructor(
    private readonly apiKey: string,
    private readonly boundingBoxes: number[][][],
    private readonly log: (msg: string) => void,
  ) {
    setInterval(() => this.prune(), PRUNE_INTERVAL_MS).unref();
  }

  start(): void {
    if (this.stopped) return;
    try {
      this.socket = new WebSocket(AIS_URL);
    } catch (err) {
      this.log(`AIS connect failed: ${String(err)}`);
      this.scheduleReconnect();
      return;
    }
    this.socket.addEventListener('open', () => {
      this.socket?.send(JSON.stringify({ APIKey: this.apiKey, BoundingBoxes: this.boundingBoxes }));
    });
    this.socket.addEventListener('message', (event) => {
      void this.handleMessage(event.data);
    });
    this.socket.addEventListener('close', () => {
      this.log('AIS stream closed; reconnecting');
      this.scheduleReconnect();
    });
    this.socket.addEventListener('error', () => {
      this.socket?.close();
    });
  }

  stop(): void {
    this.stopped = true;
    this.socket?.close();
  }

  list(): Vessel[] {
    return [...this.vessels.values()];
  }

  private async handleMessage(data: unknown): Promise<void> {
    try {
      const text = typeof data === 'string' ? data : data instanceof Blob ? await data.text() : '';
      if (!text) return;
      const msg = JSON.parse(text) as AisMessage;
      const meta = msg.MetaData;
      if (!meta?.MMSI || meta.latitude === undefined || meta.longitude === undefined) return;
      const prev = this.vessels.get(meta.MMSI);
      this.vessels.set(meta.MMSI, {
        mmsi: meta.MMSI,
        name: (meta.ShipName ?? '').trim() || (prev?.name ?? ''),
        lat: meta.latitude,
        lon: meta.longitude,
        sog: msg.Message?.PositionReport?.Sog ?? prev?.sog ?? null,
        lastSeen: Date.now(),
      });
    } catch {
      // one malformed frame is not worth killing the stream over
    }
  }

  // ships not heard from for ten minutes have left the area
  private prune(): void {
    const cutoff = Date.now() - STALE_AFTER_MS;
    for (const [mmsi, v] of this.vessels) {
      if (v.lastSeen < cutoff) this.vessels.delete(mmsi);
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    setTimeout(() => this.start(), RECONNECT_DELAY_MS).unref();
  }
}
