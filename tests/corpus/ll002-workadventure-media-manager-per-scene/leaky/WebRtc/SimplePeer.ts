import { Connection } from "../Connection";
import { MediaManager } from "./MediaManager";

export class SimplePeer {
    private Connection: Connection;
    private MediaManager: MediaManager;

    constructor(Connection: Connection) {
        this.Connection = Connection;
        this.MediaManager = new MediaManager((stream: MediaStream) => {
            this.updatedLocalStream();
        });
    }

    closeAllConnections() {
        this.Connection.closeWebrtc();
    }

    private updatedLocalStream() {
        this.Connection.sendWebrtcSignal({ renegotiate: true });
    }
}
