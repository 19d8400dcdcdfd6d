import Events from './utils/events';
import appHost from './utils/apphost';

export class Subscriber {
    private player: any;

    private readonly playerEvents = {
        pause: this.onPause.bind(this),
        timeupdate: this.onTime.bind(this)
    };

    constructor(private readonly manager: any) {
        Events.on(manager, 'playerchange', this.bindPlayer.bind(this));
    }

    private bindPlayer() {
        const next = this.manager.getCurrentPlayer();
        if (this.player === next) return;
        if (this.player) {
            // each handler taken off the old player before the new one gets them
            Object.entries(this.playerEvents).forEach(([event, handler]) => {
                Events.off(this.player, event, handler);
            });
            Events.off(appHost, 'resume', this.onResume);
        }
        this.player = next;
        Object.entries(this.playerEvents).forEach(([event, handler]) => {
            Events.on(this.player, event, handler);
        });
        // kept by the host, taken off above on the next change
        Events.on(appHost, 'resume', this.onResume);
        // a new closure kept by the host on every player change, never taken off
        Events.on(appHost, 'error', (e: unknown) => this.onError(e));
    }

    onPause() {}
    onTime() {}
    onResume() {}
    onError(e: unknown) { console.log(e); }
}
