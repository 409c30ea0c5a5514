// Trunk's initializer hook (`data-initializer` in index.html): when the app cannot be loaded (a
// missing or corrupt .wasm, a network error), the loader says so once and keeps every call queued.
export default function initializer() {
  return {
    onFailure(reason) {
      const state = window.AMOCRM?.notifications?.__amocrmNotify;
      if (typeof state?.loadFailed === "function") state.loadFailed(reason);
      else console.error("amocrm-notify: the app could not be loaded", reason);
    },
  };
}
