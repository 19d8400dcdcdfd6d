import type { Context, Next } from "koa";
import Limiters from "@server/utils/Limiters";

export function rateLimit(points: number) {
  return async function limitRequests(ctx: Context, next: Next) {
    const path = ctx.path;
    if (!Limiters.has(path)) {
      Limiters.register(path, points);
    }
    return next();
  };
}
