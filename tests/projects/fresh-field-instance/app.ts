import { SSEStreamer } from './utils/streamer'

export class App {
    sseStreamer: SSEStreamer | undefined

    async config() {
        if (process.env.MODE === 'queue') {
            // a new streamer, and its one start: the overwrite in startHeartbeat() cannot happen
            this.sseStreamer = new SSEStreamer()
            this.sseStreamer.startHeartbeat()
        }
    }
}
