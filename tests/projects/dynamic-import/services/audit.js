const entries = new Map();

export function record(action) {
  entries.set(action, Date.now());
}
