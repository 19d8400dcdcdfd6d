import type { Handle } from '@sveltejs/kit';
import { getSession } from '$lib/server/auth/session-store';

export const SESSION_COOKIE_NAME = 'sid';

export const handle: Handle = async ({ event, resolve }) => {
    const sessionId = event.cookies.get(SESSION_COOKIE_NAME);
    if (sessionId) {
        const session = await getSession(sessionId);
        event.locals.user = session ? { id: session.userId } : null;
    }
    return resolve(event);
};
