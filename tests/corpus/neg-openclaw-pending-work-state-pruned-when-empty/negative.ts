import { randomUUID } from 'node:crypto';

type WorkItem = { id: string; type: string; expiresAtMs: number | null };
type NodeState = { revision: number; itemsById: Map<string, WorkItem>; generation?: string };

const stateByNodeId = new Map<string, NodeState>();

function getOrCreateState(nodeId: string, generation?: string): NodeState {
  let state = stateByNodeId.get(nodeId);
  if (state && generation && state.generation !== generation) {
    stateByNodeId.delete(nodeId);
    state = undefined;
  }
  if (!state) {
    state = { revision: 0, itemsById: new Map(), generation };
    stateByNodeId.set(nodeId, state);
  }
  return state;
}

function pruneExpired(state: NodeState, nowMs: number) {
  for (const [id, item] of state.itemsById) {
    if (item.expiresAtMs !== null && item.expiresAtMs <= nowMs) state.itemsById.delete(id);
  }
}

function pruneStateIfEmpty(nodeId: string, state: NodeState) {
  if (state.itemsById.size === 0) stateByNodeId.delete(nodeId);
}

export function enqueueNodeWork(nodeId: string, type: string, generation?: string) {
  const state = getOrCreateState(nodeId, generation);
  pruneExpired(state, Date.now());
  const item = { id: randomUUID(), type, expiresAtMs: Date.now() + 86_400_000 };
  state.itemsById.set(item.id, item);
  state.revision += 1;
  return item;
}

export function clearNodeWork(nodeId: string) {
  return stateByNodeId.delete(nodeId);
}

export function drainNodeWork(nodeId: string, maxItems = 4) {
  const state = stateByNodeId.get(nodeId);
  if (!state) return [];
  pruneExpired(state, Date.now());
  const items = [...state.itemsById.values()].slice(0, maxItems);
  for (const item of items) state.itemsById.delete(item.id);
  state.revision += 1;
  pruneStateIfEmpty(nodeId, state);
  return items;
}
