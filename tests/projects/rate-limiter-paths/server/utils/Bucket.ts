export class Bucket {
  constructor(public points: number) {}
}
