export async function pingApi(slugs: string): Promise<boolean> {
  const res = await fetch(`${process.env.API_ENDPOINT}/ping?slugs=${slugs}`, { credentials: "include" });
  await res.text();
  return res.ok;
}
