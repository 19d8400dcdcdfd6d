export async function hasSponsorsPage(username: string): Promise<boolean> {
  const response = await fetch(`https://github.com/sponsors/${username}`);
  await response.body?.cancel();
  return response.ok;
}
