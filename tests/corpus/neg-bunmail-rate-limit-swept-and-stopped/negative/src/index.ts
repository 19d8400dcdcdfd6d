import { Elysia } from "elysia";
import { authMiddleware } from "./middleware/auth.ts";
import { rateLimitMiddleware, startRateLimitCleanup, stopRateLimitCleanup } from "./middleware/rate-limit.ts";
import { emailsRoutes } from "./routes/emails.ts";
import { logger } from "./utils/logger.ts";

const app = new Elysia()
  .use(authMiddleware)
  .use(rateLimitMiddleware)
  .use(emailsRoutes)
  .listen(3000);

logger.info("BunMail listening", { port: 3000 });

/** Drop expired rate-limit windows so many distinct keys cannot grow the map. */
startRateLimitCleanup();

function shutdown() {
  logger.info("Shutting down...");
  stopRateLimitCleanup();
  app.stop();
  process.exit(0);
}

process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

export type App = typeof app;
