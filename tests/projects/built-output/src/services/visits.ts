const visits = new Map<string, number>();

export function countVisit(page: string): void {
  visits.set(page, (visits.get(page) ?? 0) + 1);
}
