import React, { useEffect, useState } from "react";
import { api } from "./api.js";

const TERMINAL = ["done", "error", "canceled", "paused"];

export default function Campaigns() {
  const [campaigns, setCampaigns] = useState([]);
  const [runs, setRuns] = useState({});
  const [error, setError] = useState("");

  async function load() {
    try {
      const data = await api.listCampaigns();
      setCampaigns(data.results || data);
    } catch (e) {
      setError(String(e.message || e));
    }
  }
  useEffect(() => {
    load();
  }, []);

  function pollPipeline(id) {
    // expect: LL004
    const t = setInterval(async () => {
      try {
        const run = await api.campaignStatus(id);
        setRuns((r) => ({ ...r, [id]: run }));
        if (TERMINAL.includes(run.status)) clearInterval(t);
      } catch {
        clearInterval(t);
      }
    }, 2000);
  }

  async function start(id) {
    setRuns((r) => ({ ...r, [id]: { status: "pending" } }));
    try {
      await api.start(id);
      pollPipeline(id);
    } catch (e) {
      setError(String(e.message || e));
    }
  }

  return (
    <div>
      {error && <p className="error">{error}</p>}
      {campaigns.map((c) => (
        <div key={c.id}>
          <span>{c.name}</span>
          <span>{runs[c.id]?.status}</span>
          <button className="primary" onClick={() => start(c.id)}>Start</button>
        </div>
      ))}
    </div>
  );
}
