const { TtlCache } = require('./ttl-cache');

const stops = new TtlCache(8000);
const vehicles = new TtlCache(8000);
const callsigns = new TtlCache(3600000);

exports.stop = async (id) => {
  const hit = stops.get(id);
  if (hit !== undefined) return hit;
  const value = await fetch(`https://example.test/stops/${id}`);
  stops.set(id, value);
  return value;
};

exports.vehicle = async (id) => {
  const hit = vehicles.get(id);
  if (hit !== undefined) return hit;
  const value = await fetch(`https://example.test/vehicles/${id}`);
  vehicles.set(id, value);
  return value;
};

exports.callsigns = callsigns;
