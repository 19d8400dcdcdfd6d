const sessions = new Map();

export function remember(id, session) {
    sessions.set(id, session);
}
