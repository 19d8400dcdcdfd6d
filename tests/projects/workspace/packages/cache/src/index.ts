const entries = new Map<string, string>();

export function put(key: string, value: string): void {
  entries.set(key, value);
}
