// A listener store of the project's own: callbacks kept per object and event type.
type Callback = (e: { type: string }, ...args: unknown[]) => void;

function callbacksOf(obj: any, type: string): Callback[] {
    obj._callbacks = obj._callbacks || {};
    if (!obj._callbacks[type]) {
        obj._callbacks[type] = [];
    }
    return obj._callbacks[type];
}

export default {
    on(obj: any, type: string, fn: Callback): void {
        callbacksOf(obj, type).push(fn);
    },

    off(obj: any, type: string, fn: Callback): void {
        const callbacks = callbacksOf(obj, type);
        const i = callbacks.indexOf(fn);
        if (i !== -1) {
            callbacks.splice(i, 1);
        }
    },

    trigger(obj: any, type: string, args: unknown[] = []) {
        callbacksOf(obj, type).slice(0).forEach(cb => cb.apply(obj, [{ type }, ...args]));
    }
};
