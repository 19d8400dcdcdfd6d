class HealthPoller {
    constructor(url) {
        this.url = url;
        this.begin();
    }

    begin() {
        process.on("SIGTERM", () => this.stop());
        this.timer = setInterval(() => this.check(), 1000);
    }

    check() {}

    stop() {}
}

module.exports = HealthPoller;
