const visits = new Map();

export function countVisit(page) {
  visits.set(page, (visits.get(page) ?? 0) + 1);
}
