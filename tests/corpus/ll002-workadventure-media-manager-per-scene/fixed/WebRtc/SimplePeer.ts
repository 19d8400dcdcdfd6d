import { Connection } from "../Connection";
import { mediaManager } from "./MediaManager";

export class SimplePeer {
    private Connection: Connection;
    private readonly updateLocalStreamCallback: (media: MediaStream) => void;

    constructor(Connection: Connection) {
        this.Connection = Connection;
        // kept so that unregister() can remove the very same function
        this.updateLocalStreamCallback = this.updatedLocalStream.bind(this);
        mediaManager.onUpdateLocalStream(this.updateLocalStreamCallback);
    }

    closeAllConnections() {
        this.Connection.closeWebrtc();
    }

    public unregister() {
        mediaManager.removeUpdateLocalStreamEventListener(this.updateLocalStreamCallback);
    }

    private updatedLocalStream() {
        this.Connection.sendWebrtcSignal({ renegotiate: true });
    }
}
