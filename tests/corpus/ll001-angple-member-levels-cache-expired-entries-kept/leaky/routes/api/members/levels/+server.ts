import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { fetchMemberLevels } from '$lib/server/member-levels';

const MAX_IDS = 100;

export const GET: RequestHandler = async ({ url }) => {
    const ids = (url.searchParams.get('ids') || '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id.length > 0);
    if (ids.length === 0 || ids.length > MAX_IDS) {
        return json({ error: 'bad ids' }, { status: 400 });
    }
    const levels = await fetchMemberLevels(ids);
    return json(levels);
};
