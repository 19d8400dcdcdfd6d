export function createLogger(name: string) {
  return {
    info: (message: string, data?: Record<string, unknown>) => console.log(`[${name}] ${message}`, data ?? ''),
    warn: (message: string, data?: Record<string, unknown>) => console.warn(`[${name}] ${message}`, data ?? ''),
    error: (message: string, error: Error) => console.error(`[${name}] ${message}`, error),
  };
}
