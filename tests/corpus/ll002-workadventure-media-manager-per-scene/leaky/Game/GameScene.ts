import { SimplePeer } from "../WebRtc/SimplePeer";
import { Connection } from "../Connection";

export class GameScene extends Phaser.Scene {
    private simplePeer: SimplePeer;
    private connection: Connection;

    create() {
        this.connection.onServerDisconnected(() => {
            this.simplePeer.closeAllConnections();
            const key = 'somekey' + Math.round(Math.random() * 10000);
            this.scene.add(key, GameScene.createFromUrl(this.mapUrl, key), true);
            this.scene.remove(this.scene.key);
        });
        // a new scene (and a new SimplePeer) on every map change or reconnect
        this.simplePeer = new SimplePeer(this.connection);
    }

    onExit(nextSceneKey: string) {
        this.connection.closeConnection();
        this.scene.stop();
        this.scene.remove(this.scene.key);
        this.scene.start(nextSceneKey);
    }
}
