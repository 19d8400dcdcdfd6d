import http from 'node:http';
import https from 'node:https';

function quickFetch(url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = https.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
}

export async function checkLinks(links: string[]) {
  return Promise.all(links.map(async (link) => ({ link, status: await quickFetch(new URL(link)) })));
}
