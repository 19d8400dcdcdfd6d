// Link previews, fetched once per URL and kept.
const previews = {};

export async function previewFor(url) {
  if (!previews[url]) {
    previews[url] = await fetchPreview(url);
  }
  return previews[url];
}

async function fetchPreview(url) {
  const response = await fetch(url);
  return { url, title: (await response.text()).slice(0, 80) };
}
