const profiles = {};

export function loadProfile(id) {
    if (!profiles[id]) {
        profiles[id] = { id, loadedAt: Date.now() };
    }
    return profiles[id];
}
