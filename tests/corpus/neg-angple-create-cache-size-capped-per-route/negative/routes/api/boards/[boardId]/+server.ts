import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { createCache } from '$lib/server/cache';

interface Board {
    id: string;
    title: string;
}

const boardCache = createCache<Board>({ ttl: 60_000, maxSize: 300 });

async function loadBoard(boardId: string): Promise<Board> {
    const res = await fetch(`http://backend.internal/boards/${encodeURIComponent(boardId)}`);
    return res.json();
}

export const GET: RequestHandler = async ({ params }) => {
    const board = await boardCache.getOrSet(params.boardId, () => loadBoard(params.boardId));
    return json(board);
};
