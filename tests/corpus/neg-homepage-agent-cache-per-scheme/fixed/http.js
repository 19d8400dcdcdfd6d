import http from "node:http";
import https from "node:https";

const agentCache = new Map();

function getAgent(protocol, disableIpv6) {
  const cacheKey = `${protocol}:${disableIpv6 ? "ipv4" : "auto"}`;
  const cachedAgent = agentCache.get(cacheKey);
  if (cachedAgent) {
    return cachedAgent;
  }
  const agentOptions = { keepAlive: true, ...(disableIpv6 ? { family: 4 } : {}) };
  const agent =
    protocol === "https:"
      ? new https.Agent({ ...agentOptions, rejectUnauthorized: false })
      : new http.Agent(agentOptions);
  agentCache.set(cacheKey, agent);
  return agent;
}

export async function httpProxy(url, params = {}) {
  const constructedUrl = new URL(url);
  const disableIpv6 = process.env.HOMEPAGE_PROXY_DISABLE_IPV6 === "true";
  const request = constructedUrl.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(constructedUrl, { agent: getAgent(constructedUrl.protocol, disableIpv6), ...params }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve([res.statusCode, Buffer.concat(chunks)]));
    });
    req.on("error", reject);
    req.end();
  });
}
