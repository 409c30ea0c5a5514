// The app's own JavaScript beside its wasm: one wasm-bindgen snippet, so one request at start-up
// (storage's IndexedDB calls are the other, src/persist/idb.js). Each part names the Rust module
// that binds it. Keep new JavaScript here rather than in `inline_js`, which makes a file (and a
// request) per block: with five snippets the browser tests' page made seven requests at once, and
// wasm-bindgen-test-runner's server left the seventh unanswered now and then, hanging the run.

// delivery/outbox.rs: one tab at a time sends, holding a Web Lock where the browser has them.
export function with_lock(name, run) {
  return navigator.locks ? navigator.locks.request(name, run) : run();
}

// delivery/push.rs: the service worker and this device's push subscription.
export function register() {
  if (!("serviceWorker" in navigator)) return Promise.resolve(false);
  return navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(() => true, () => false);
}
// A refusal carries what went wrong as its `refusal`, which delivery/push.rs reads: "unsupported",
// "blocked" (the browser or the person refused) or "failed"; its message is the browser's text.
const refused = (refusal, text) => Object.assign(new Error(text), { refusal });
export async function subscribe(key) {
  if (!("serviceWorker" in navigator) || !("PushManager" in self)) throw refused("unsupported", "this browser has no Web Push");
  if (self.Notification?.permission === "denied") throw refused("blocked", "notifications are blocked for this site");
  try {
    const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    await navigator.serviceWorker.ready;
    const existing = await registration.pushManager.getSubscription();
    const subscription = existing ?? await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    return JSON.stringify(subscription.toJSON());
  } catch (error) {
    const text = String(error?.message ?? error);
    const blocked = error?.name === "NotAllowedError" || /permission denied/i.test(text);
    throw refused(blocked ? "blocked" : "failed", text);
  }
}
// Whether this device has a push subscription now.
export async function subscribed() {
  if (!("serviceWorker" in navigator) || !("PushManager" in self)) return false;
  const registration = await navigator.serviceWorker.getRegistration("/");
  return Boolean(await registration?.pushManager.getSubscription());
}
export async function unsubscribe() {
  if (!("serviceWorker" in navigator)) return null;
  const registration = await navigator.serviceWorker.getRegistration("/");
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return null;
  const endpoint = subscription.endpoint;
  await subscription.unsubscribe();
  return JSON.stringify({ endpoint });
}

// api/bindings/read.rs: reading a payload out of JavaScript.
// The own enumerable string keys of a plain object; none for an array, or when a Proxy's trap
// throws (a revoked Proxy throws even on Array.isArray).
export function own_keys(object) {
  try { return Array.isArray(object) ? [] : Object.keys(object); } catch { return []; }
}

// Reads each of `keys` from `object` as read_own (bindings.rs) does, into out[i]: bit i of the
// answer says the key was found, bit i + 26 that reading it threw (out[i] is then what it threw).
// (Added, not or-ed: JavaScript's bit operators stop at 32 bits; a number holds 53 exactly.)
// One call instead of two or three per key: on the path of every API call.
export function read_known(object, keys, out) {
  out.length = 0;
  let found = 0;
  for (let i = 0; i < keys.length; i++) {
    try {
      const value = Reflect.get(object, keys[i]);
      if (value === undefined || Reflect.getOwnPropertyDescriptor(object, keys[i]) === undefined) continue;
      out[i] = value;
      found += 2 ** i;
    } catch (thrown) {
      out[i] = thrown;
      found += 2 ** (i + 26);
    }
  }
  return found;
}

// browser.rs: the device's time zone, an IANA name ("Europe/Moscow"); empty when unknown.
export function time_zone() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone ?? ""; } catch { return ""; }
}
