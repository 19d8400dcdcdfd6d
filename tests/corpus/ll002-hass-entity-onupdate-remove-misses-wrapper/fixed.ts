import { EventEmitter } from "events";

type TAnyFunction = (...args: unknown[]) => unknown;
type EntityState = { entity_id: string; state: string; attributes: Record<string, unknown> };

export interface ByIdProxy {
  entity_id: string;
  onUpdate(
    callback: (newState: EntityState, oldState: EntityState, remove: () => void) => void,
  ): { remove: () => void };
  removeAllListeners(): void;
  once(callback: TAnyFunction): void;
}

export function EntityManager({ logger, hass }: { logger: { debug: TAnyFunction }; hass: unknown }) {
  const MASTER_STATE = new Map<string, EntityState>();
  const PREVIOUS_STATE = new Map<string, EntityState>();
  const ENTITY_PROXIES = new Map<string, ByIdProxy>();
  const ENTITY_EVENTS = new EventEmitter();
  ENTITY_EVENTS.setMaxListeners(0);

  function byId(entity_id: string): ByIdProxy {
    if (!ENTITY_PROXIES.has(entity_id)) {
      ENTITY_PROXIES.set(
        entity_id,
        new Proxy(MASTER_STATE.get(entity_id) as unknown as ByIdProxy, {
          get: (_, property: string) => {
            if (property === "onUpdate") {
              return (callback: TAnyFunction) => {
                const removableCallback = (a: EntityState, b: EntityState) =>
                  callback(a, b, remove);
                function remove() {
                  ENTITY_EVENTS.removeListener(entity_id, removableCallback);
                }
                ENTITY_EVENTS.on(entity_id, removableCallback);
                return { remove };
              };
            }
            if (property === "removeAllListeners") {
              return function () {
                ENTITY_EVENTS.removeAllListeners(entity_id);
              };
            }
            if (property === "once") {
              return (callback: TAnyFunction) =>
                ENTITY_EVENTS.once(entity_id, async (a, b) => callback(a, b));
            }
            if (property === "entity_id") {
              return entity_id;
            }
            if (property === "previous") {
              return PREVIOUS_STATE.get(entity_id);
            }
            const current = MASTER_STATE.get(entity_id) as Record<string, unknown> | undefined;
            return current ? current[property] : undefined;
          },
        }),
      );
    }
    return ENTITY_PROXIES.get(entity_id);
  }

  // called by the websocket layer for every state_changed event
  function onEntityUpdate(entity_id: string, new_state: EntityState, old_state: EntityState) {
    logger.debug({ name: entity_id }, "entity update");
    PREVIOUS_STATE.set(entity_id, old_state);
    MASTER_STATE.set(entity_id, new_state);
    ENTITY_EVENTS.emit(entity_id, new_state, old_state);
  }

  return { byId, onEntityUpdate };
}
