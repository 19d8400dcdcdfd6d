export interface TelegramRoute {
  chatId: number;
  threadId?: number;
}

export function routeKey(route: TelegramRoute): string {
  return route.threadId === undefined ? String(route.chatId) : `${route.chatId}:${route.threadId}`;
}
