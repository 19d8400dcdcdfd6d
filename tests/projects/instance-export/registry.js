class SessionRegistry {
    constructor() {
        this.sessions = new Map();
    }

    add(id, session) {
        this.sessions.set(id, session);
    }
}

module.exports = new SessionRegistry();
