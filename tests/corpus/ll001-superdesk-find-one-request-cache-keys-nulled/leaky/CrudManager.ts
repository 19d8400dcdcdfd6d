import { httpRequestJsonLocal } from './network';

// expect: LL001
const cache = {};

function findOne<T>(endpoint: string, id: string): Promise<T> {
    const key = `${endpoint}:${id}`;

    if (cache[key] == null) {
        cache[key] = httpRequestJsonLocal<T>({
            method: 'GET',
            path: '/' + endpoint + '/' + id,
        }).finally(() => {
            cache[key] = null;
        });
    }

    return cache[key];
}

function query<T>(endpoint: string, page: number): Promise<T> {
    return httpRequestJsonLocal<T>({ method: 'GET', path: '/' + endpoint + '?page=' + page });
}

export const dataApi = {
    findOne: findOne,
    query: query,
};
