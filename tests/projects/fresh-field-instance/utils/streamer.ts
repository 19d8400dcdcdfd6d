// Streams to every connected client; one heartbeat interval per streamer.
export class SSEStreamer {
    private heartbeatInterval: NodeJS.Timeout | null = null
    private clients = new Map<string, { write(chunk: string): void }>()

    startHeartbeat(intervalMs: number = 30_000) {
        this.heartbeatInterval = setInterval(() => {
            for (const client of this.clients.values()) client.write(':heartbeat\n\n')
        }, intervalMs)
    }

    stopHeartbeat() {
        if (this.heartbeatInterval) clearInterval(this.heartbeatInterval)
    }
}
