interface Visit {
  readonly page: string;
  readonly at: number;
}

const visits: Visit[] = [];

export function recordVisit(page: string): void {
  visits.push({ page, at: Date.now() });
}

export function visitCount(): number {
  return visits.length;
}
