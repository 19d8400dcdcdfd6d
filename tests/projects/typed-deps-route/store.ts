export class BodyStore<T> {
  private readonly bodies = new Map<string, T>();

  read(key: string): T | undefined {
    return this.bodies.get(key);
  }

  keep(key: string, body: T): void {
    this.bodies.set(key, body);
  }
}
