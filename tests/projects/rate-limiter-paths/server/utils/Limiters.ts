import { Bucket } from "./Bucket";

export default class Limiters {
  static readonly byPath = new Map<string, Bucket>();

  static has(path: string): boolean {
    return this.byPath.has(path);
  }

  static register(path: string, points: number): void {
    this.byPath.set(path, new Bucket(points));
  }
}
