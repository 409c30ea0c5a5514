/*! amocrm-notify loader: defines AMOCRM.notifications / APP.notifications before the app starts.
 *
 * Load it with a classic <script> before any widget. Until the app is running, calls are recorded
 * (each gets its id at once) and replayed in order when it starts; from then on they go straight
 * to the app through `call`. Existing window.AMOCRM / window.APP objects keep their other members.
 *
 * Faults never reach the widget as an exception: if the app fails to load, calls stay recorded and
 * `loadFailed` says why once; if it stops after an internal error (`stopped` is set by its panic
 * hook), every later call is rejected here, without entering the app: `false`, one console.error,
 * then `fail(error)` and `always()`.
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
      call: null, // set by the app while it runs
      stopped: null, // the reason, once the app has stopped after an internal error
      loadFailed: function (reason) {
        console.error("amocrm-notify: the app could not be loaded (" + describe(reason) + "); " +
          state.pending.length + " call(s) stay queued and later calls are queued too");
      }
    };
    Object.defineProperty(api, KEY, { value: state });
    METHODS.forEach(function (name) {
      api[name] = function (params, callbacks) {
        if (state.stopped) return reject(name, callbacks);
        if (state.call) {
          try {
            // The app answers an accepted call with its sequence number, a rejected one with false.
            var answer = state.call(name, params, callbacks);
            return typeof answer === "number" ? state.session + "-" + answer : answer;
          } catch (error) {
            // Only an internal error gets here; the panic hook has logged it and set `stopped`.
            return reject(name, callbacks);
          }
        }
        var id = state.session + "-" + ++state.seq;
        state.pending.push([name, params, callbacks, id]);
        return id;
      };
    });
    // Names the account's server: { endpoint, stream }. Before the app runs it is recorded, and
    // validated in order with the calls around it; afterwards the answer is the app's (true/false).
    api.configure = function (options) {
      if (state.call) {
        try {
          return state.call("configure", options);
        } catch (error) {
          return false;
        }
      }
      state.pending.push(["configure", options]);
      return true;
    };
  }

  function reject(name, callbacks) {
    var error = new Error("AMOCRM.notifications." + name + ": the notification center has stopped after an " +
      "internal error (" + (state.stopped || "unknown") + "); the call was not made");
    error.name = "NotificationError";
    error.method = name;
    error.field = null;
    console.error(error.message);
    // As the app does: after returning, each callback on its own (one that throws is reported and
    // does not stop the next), and nothing read from the widget's object until then.
    Promise.resolve().then(function () {
      if (!callbacks || typeof callbacks !== "object") return;
      invoke(callbacks, "fail", error);
      invoke(callbacks, "always");
    });
    return false;
  }

  function invoke(callbacks, name, arg) {
    try {
      var callback = callbacks[name];
      if (typeof callback === "function") callback.call(undefined, arg);
    } catch (thrown) {
      console.error('AMOCRM.notifications: the "' + name + '" callback threw', thrown);
    }
  }

  function describe(reason) {
    return reason && reason.message ? reason.message : String(reason);
  }

  ["AMOCRM", "APP"].forEach(function (name) {
    var host = w[name];
    if (!host || (typeof host !== "object" && typeof host !== "function")) host = w[name] = {};
    host.notifications = api;
  });
})(window);
