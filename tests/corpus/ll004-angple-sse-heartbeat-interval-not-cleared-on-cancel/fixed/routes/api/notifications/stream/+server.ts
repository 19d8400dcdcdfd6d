import type { RequestHandler } from './$types';

const encoder = new TextEncoder();

interface SSEEntry {
    controller: ReadableStreamDefaultController;
    heartbeatInterval: ReturnType<typeof setInterval> | null;
}

// Open SSE streams, by user.
const connections = new Map<string, SSEEntry>();

function closeEntry(userId: string): void {
    const entry = connections.get(userId);
    if (!entry) return;
    if (entry.heartbeatInterval) clearInterval(entry.heartbeatInterval);
    connections.delete(userId);
    try {
        entry.controller.close();
    } catch {
        /* already closed */
    }
}

export function _pushNotification(userId: string, data: { title: string; url?: string }): void {
    const entry = connections.get(userId);
    if (!entry) return;
    try {
        entry.controller.enqueue(encoder.encode(`event: notification\ndata: ${JSON.stringify(data)}\n\n`));
    } catch {
        closeEntry(userId);
    }
}

function broadcastOnlineCount(): void {
    const event = encoder.encode(`event: online_count\ndata: ${connections.size}\n\n`);
    for (const [userId, entry] of connections) {
        try {
            entry.controller.enqueue(event);
        } catch {
            closeEntry(userId);
        }
    }
}

export const GET: RequestHandler = async ({ locals }) => {
    const userId = locals.user?.nickname || `anon-${Date.now()}`;

    const stream = new ReadableStream({
        start(controller) {
            closeEntry(userId);
            const entry: SSEEntry = { controller, heartbeatInterval: null };
            connections.set(userId, entry);
            broadcastOnlineCount();

            entry.heartbeatInterval = setInterval(() => {
                try {
                    controller.enqueue(encoder.encode(`event: heartbeat\ndata: ${Date.now()}\n\n`));
                } catch {
                    closeEntry(userId);
                }
            }, 30000);
        },
        cancel() {
            closeEntry(userId);
            broadcastOnlineCount();
        }
    });

    return new Response(stream, {
        headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' }
    });
};
