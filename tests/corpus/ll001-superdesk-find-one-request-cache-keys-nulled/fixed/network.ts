export function httpRequestJsonLocal<T>(options: { method: string; path: string }): Promise<T> {
    return fetch('/api' + options.path, { method: options.method, credentials: 'include' })
        .then((res) => res.json() as Promise<T>);
}
