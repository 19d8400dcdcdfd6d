export async function getServerSideProps({ query }: { query: { id: string } }) {
  const res = await fetch(`http://127.0.0.1:3000/api/items/${query.id}`, { method: 'HEAD' });
  const etag = res.headers.get('etag');
  await res.body?.cancel();
  return { props: { etag } };
}
