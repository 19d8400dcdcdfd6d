const boards = new Map<string, number>();

export function addPoints(playerId: string, points: number): number {
  const total = (boards.get(playerId) ?? 0) + points;
  boards.set(playerId, total);
  return total;
}
