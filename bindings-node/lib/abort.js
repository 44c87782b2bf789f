'use strict';
// AbortSignal plumbing: one 'abort' listener per signal, however many calls share it (a signal
// reused across many concurrent calls or pages adds no listeners beyond the first, so Node never
// warns about a possible EventTarget leak), removed once the last call using it settles.

/** @type {WeakMap<AbortSignal, {listener: () => void, calls: Set<() => void>}>} */
const WATCHED = new WeakMap();

/**
 * An AbortSignal, or anything shaped like one (polyfills such as `abort-controller`).
 * @param {unknown} value
 * @returns {value is AbortSignal}
 */
function isAbortSignal(value) {
  if (value === null || typeof value !== 'object') return false;
  const s = /** @type {{ aborted?: unknown, addEventListener?: unknown, removeEventListener?: unknown }} */ (value);
  return (
    typeof s.aborted === 'boolean' &&
    typeof s.addEventListener === 'function' &&
    typeof s.removeEventListener === 'function'
  );
}

/**
 * Runs `onAbort` once when `signal` aborts. Returns the function that stops watching (call it
 * when the call settles). `signal` must not be aborted already.
 * @param {AbortSignal} signal
 * @param {() => void} onAbort
 * @returns {() => void}
 */
function watchAbort(signal, onAbort) {
  let entry = WATCHED.get(signal);
  if (!entry) {
    /** @type {Set<() => void>} */
    const calls = new Set();
    const listener = () => {
      WATCHED.delete(signal);
      for (const call of [...calls]) call();
      calls.clear();
    };
    entry = { listener, calls };
    WATCHED.set(signal, entry);
    signal.addEventListener('abort', listener, { once: true });
  }
  const { calls, listener } = entry;
  calls.add(onAbort);
  return () => {
    if (!calls.delete(onAbort) || calls.size > 0) return;
    if (WATCHED.get(signal) === entry) {
      WATCHED.delete(signal);
      signal.removeEventListener('abort', listener);
    }
  };
}

module.exports = { isAbortSignal, watchAbort };
