import { z } from "zod";
import { agentService } from "./service.js";
import { publicProcedure, router } from "./trpc.js";

export const agentRouter = router({
  start: publicProcedure
    .input(z.object({ taskId: z.string(), taskRunId: z.string(), apiHost: z.string(), projectId: z.number() }))
    .mutation(({ input }) => agentService.startSession(input)),
  cancel: publicProcedure
    .input(z.object({ taskRunId: z.string() }))
    .mutation(({ input }) => agentService.cancelSession(input.taskRunId)),
});
