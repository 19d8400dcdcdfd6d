const profiles = new Map();

export function getUser(id) {
  profiles.set(id, { id, seen: Date.now() });
  return profiles.get(id);
}
