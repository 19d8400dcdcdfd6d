import type { RequestHandler } from './$types';

const encoder = new TextEncoder();

// Open SSE streams, by user.
const connections = new Map<string, ReadableStreamDefaultController>();

export function _pushNotification(userId: string, data: { title: string; url?: string }): void {
    const controller = connections.get(userId);
    if (!controller) return;
    try {
        controller.enqueue(encoder.encode(`event: notification\ndata: ${JSON.stringify(data)}\n\n`));
    } catch {
        connections.delete(userId);
    }
}

function broadcastOnlineCount(): void {
    const event = encoder.encode(`event: online_count\ndata: ${connections.size}\n\n`);
    for (const [userId, controller] of connections) {
        try {
            controller.enqueue(event);
        } catch {
            connections.delete(userId);
        }
    }
}

export const GET: RequestHandler = async ({ locals }) => {
    const userId = locals.user?.nickname || `anon-${Date.now()}`;

    const stream = new ReadableStream({
        start(controller) {
            connections.set(userId, controller);
            broadcastOnlineCount();

            // expect: LL004
            const heartbeatInterval = setInterval(() => {
                try {
                    controller.enqueue(encoder.encode(`event: heartbeat\ndata: ${Date.now()}\n\n`));
                } catch {
                    clearInterval(heartbeatInterval);
                    connections.delete(userId);
                }
            }, 30000);
        },
        cancel() {
            connections.delete(userId);
            broadcastOnlineCount();
        }
    });

    return new Response(stream, {
        headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' }
    });
};
