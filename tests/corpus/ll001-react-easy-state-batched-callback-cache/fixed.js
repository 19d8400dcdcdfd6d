import { unstable_batchedUpdates } from 'react-platform'
import { globalObj } from './utils'

// runs the function and delays all re-renders until it is finished
export function batch (fn, ctx, args) {
  let result
  unstable_batchedUpdates(() => (result = fn.apply(ctx, args)))
  return result
}

// the same function must always map to the same batched function,
// so that addEventListener/removeEventListener pairs still match
const cache = new WeakMap()
function batchFn (fn) {
  if (typeof fn !== 'function') {
    return fn
  }
  let batched = cache.get(fn)
  if (!batched) {
    batched = function (...args) {
      return batch(fn, this, args)
    }
    cache.set(fn, batched)
  }
  return batched
}

// batches window.addEventListener(cb)-like callbacks
function batchCallbacks (functionWithCallbacks) {
  return function batchedCallbacks (...args) {
    return functionWithCallbacks.apply(this, args.map(batchFn))
  }
}

// batches obj.onevent = fn assignments
function batchMethod (obj, method) {
  const descriptor = Object.getOwnPropertyDescriptor(obj, method)
  if (descriptor && descriptor.configurable) {
    Object.defineProperty(obj, method, Object.assign({}, descriptor, {
      set (value) {
        return descriptor.set.call(this, batchFn(value))
      }
    }))
  }
}

if (globalObj) {
  globalObj.setTimeout = batchCallbacks(globalObj.setTimeout)
  globalObj.setInterval = batchCallbacks(globalObj.setInterval)
  if (globalObj.requestAnimationFrame) {
    globalObj.requestAnimationFrame = batchCallbacks(globalObj.requestAnimationFrame)
  }

  // eslint-disable-next-line
  Promise.prototype.then = batchCallbacks(Promise.prototype.then)
  // eslint-disable-next-line
  Promise.prototype.catch = batchCallbacks(Promise.prototype.catch)

  if (globalObj.EventTarget) {
    EventTarget.prototype.addEventListener = batchCallbacks(EventTarget.prototype.addEventListener)
    EventTarget.prototype.removeEventListener = batchCallbacks(EventTarget.prototype.removeEventListener)
  }

  if (globalObj.WebSocket) {
    ['onopen', 'onmessage', 'onerror', 'onclose'].forEach(method =>
      batchMethod(globalObj.WebSocket.prototype, method)
    )
  }
}
