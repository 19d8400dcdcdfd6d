export async function hasSponsorsPage(username: string): Promise<boolean> {
  // expect: LL008
  const response = await fetch(`https://github.com/sponsors/${username}`);
  return response.ok;
}
