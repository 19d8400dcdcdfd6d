const cache = { etag: null, value: null };

export async function getAll(connection) {
  // expect: LL008
  const res = await fetch(`${connection.baseUrl}/items`, {
    headers: { Authorization: `Bearer ${connection.token}`, 'If-None-Match': cache.etag ?? '' },
  });
  if (res.status === 304) return cache.value;
  if (!res.ok) throw new Error(`edge config: unexpected status ${res.status}`);
  cache.etag = res.headers.get('etag');
  cache.value = await res.json();
  return cache.value;
}
