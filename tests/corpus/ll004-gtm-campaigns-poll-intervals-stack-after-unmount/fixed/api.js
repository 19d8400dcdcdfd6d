async function get(path) {
  const res = await fetch(`/api${path}`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

async function post(path) {
  const res = await fetch(`/api${path}`, { method: "POST" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

export const api = {
  listCampaigns: () => get("/campaigns/"),
  campaignStatus: (id) => get(`/campaigns/${id}/status/`),
  start: (id) => post(`/campaigns/${id}/start/`),
};
