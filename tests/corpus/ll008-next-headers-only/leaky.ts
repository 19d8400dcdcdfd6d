export async function getServerSideProps({ query }: { query: { id: string } }) {
  // expect: LL008
  const res = await fetch(`http://127.0.0.1:3000/api/items/${query.id}`);
  const etag = res.headers.get('etag');
  return { props: { etag } };
}
