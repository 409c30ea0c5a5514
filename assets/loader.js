/*! amocrm-notify loader: defines AMOCRM.notifications / APP.notifications before the app starts.
 *
 * Load it with a classic <script> before any widget. Until the app is running, calls are recorded
 * (each gets its id at once) and replayed in order when it starts; from then on they go straight
 * to the app through `call`. Existing window.AMOCRM / window.APP objects keep their other members.
 */
(function (w) {
  "use strict";
  var KEY = "__amocrmNotify";
  var METHODS = ["show_message", "show_message_error", "show_notification", "add_error", "add_call"];
  var existing = (w.AMOCRM && w.AMOCRM.notifications) || (w.APP && w.APP.notifications);
  var api = existing && typeof existing === "object" ? existing : {};
  if (!api[KEY]) {
    var state = {
      session: Date.now().toString(36) + Math.random().toString(36).slice(2, 6),
      seq: 0,
      pending: [],
      call: null // set by the app while it runs
    };
    Object.defineProperty(api, KEY, { value: state });
    METHODS.forEach(function (name) {
      api[name] = function (params, callbacks) {
        if (state.call) return state.call(name, params, callbacks);
        var id = state.session + "-" + ++state.seq;
        state.pending.push([name, params, callbacks, id]);
        return id;
      };
    });
  }
  ["AMOCRM", "APP"].forEach(function (name) {
    var host = w[name];
    if (!host || (typeof host !== "object" && typeof host !== "function")) host = w[name] = {};
    host.notifications = api;
  });
})(window);
