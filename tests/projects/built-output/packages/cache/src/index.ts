const entries = new Map<string, string>();

export function remember(key: string, value: string): void {
  entries.set(key, value);
}
