export default {
    data() {
        return { websocket: null, retry: 0, room: '', event: {} };
    },
    watch: {
        room() {
            this.disconnect();
            this.connect();
        },
    },
    methods: {
        connect() {
            this.$http.get('server').then(response => {
                return new Promise((resolve, reject) => {
                    const wsUrl = new URL(response.data.server);
                    wsUrl.searchParams.set('room', this.room);
                    const ws = new WebSocket(wsUrl);
                    ws.onopen = () => resolve(ws);
                    ws.onerror = reject;
                });
            }).then(ws => {
                this.retry = 0;
                // expect: LL004
                setInterval(() => {ws.send('')}, 30000);
                ws.onclose = () => {this.failure()};
                ws.onmessage = e => {
                    const parsed = JSON.parse(e.data);
                    (this.event[parsed.event] || (() => {}))(parsed.data);
                };
                this.websocket = ws;
            }).catch(() => {
                this.failure();
            });
        },
        disconnect() {
            if (this.websocket) {
                this.websocket.onclose = () => {};
                this.websocket.close();
                this.websocket = null;
            }
        },
        failure() {
            this.websocket = null;
            if (this.retry++ < 3) this.connect();
        },
    },
    mounted() {
        this.connect();
    },
}
