import React, { useEffect, useRef, useState } from "react";
import { api } from "./api.js";

const TERMINAL = ["done", "error", "canceled", "paused"];

export default function Campaigns() {
  const [campaigns, setCampaigns] = useState([]);
  const [runs, setRuns] = useState({});
  const [error, setError] = useState("");
  const pollTimers = useRef({});
  const alive = useRef(true);

  function clearPoll(id) {
    const t = pollTimers.current[id];
    if (t != null) {
      clearInterval(t);
      delete pollTimers.current[id];
    }
  }

  function setPoll(id, tick) {
    clearPoll(id);
    pollTimers.current[id] = setInterval(tick, 2000);
  }

  async function load() {
    try {
      const data = await api.listCampaigns();
      if (!alive.current) return;
      setCampaigns(data.results || data);
    } catch (e) {
      if (alive.current) setError(String(e.message || e));
    }
  }
  useEffect(() => {
    alive.current = true;
    load();
    return () => {
      alive.current = false;
      Object.values(pollTimers.current).forEach(clearInterval);
      pollTimers.current = {};
    };
  }, []);

  function pollPipeline(id) {
    setPoll(id, async () => {
      try {
        const run = await api.campaignStatus(id);
        if (!alive.current) return;
        setRuns((r) => ({ ...r, [id]: run }));
        if (TERMINAL.includes(run.status)) clearPoll(id);
      } catch {
        clearPoll(id);
      }
    });
  }

  async function start(id) {
    setRuns((r) => ({ ...r, [id]: { status: "pending" } }));
    try {
      await api.start(id);
      pollPipeline(id);
    } catch (e) {
      if (alive.current) setError(String(e.message || e));
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
