/*! amocrm-notify loader: defines AMOCRM.notifications / APP.notifications before the app starts.
 *
 * Load it with a classic <script> before any widget. Until the app is running, calls are recorded
 * (each gets its id at once) and replayed in order when it starts; from then on they go straight
 * to the app through `call`. Existing window.AMOCRM / window.APP objects keep their other members.
 *
 * Widgets meet the object as they are: a method it does not have (`add_alert`) is a function that
 * returns false with one console.error naming the nearest real method, never a TypeError; and
 * `AMOCRM.addNotificationCallback(widget_code, callback)` (the vendor's widget template calls it at
 * start-up) keeps the callback, which runs with the notification's data when the person opens a
 * notification that carries that widget's code.
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
      widgetCallbacks: Object.create(null), // widget_code -> the callback it registered
      // The app calls this when the person opens a notification carrying a widget code.
      opened: function (code, data) {
        var callback = state.widgetCallbacks[code];
        if (typeof callback !== "function") return false;
        try {
          callback.call(undefined, data);
        } catch (thrown) {
          console.error('AMOCRM.addNotificationCallback: the callback of widget "' + code + '" threw', thrown);
        }
        return true;
      },
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

  // What widgets call through the object, as it is exposed: its methods, and for a name it does not
  // have (a typo, a method of another product), a function that refuses the call instead of a
  // TypeError. Names that code probes for (a Promise's `then`, `toJSON`) stay undefined.
  function exposed(target, state) {
    if (state.exposed) return state.exposed;
    var PROBED = { then: 1, catch: 1, finally: 1, toJSON: 1, inspect: 1, nodeType: 1, tagName: 1, length: 1,
      asymmetricMatch: 1, default: 1 };
    var unknown = Object.create(null);
    state.exposed = typeof Proxy === "function" ? new Proxy(target, {
      get: function (object, name, receiver) {
        if (typeof name !== "string" || name in object || PROBED[name] || !/^[a-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/.test(name)) {
          return Reflect.get(object, name, receiver);
        }
        return unknown[name] || (unknown[name] = function (params, callbacks) {
          var nearest = closest(name);
          return refuse(name, "AMOCRM.notifications." + name + " is not a method" +
            (nearest ? '; did you mean "' + nearest + '"?' : "") + " The call was not made.", callbacks);
        });
      }
    }) : target;
    return state.exposed;
  }

  // The real method nearest to `name`: by its words first (`add_alert` is an error, so `add_error`;
  // `showMessage` is `show_message`), else by edit distance (ignoring case and "_"), if one is near.
  var MEANING = { error: "error", alert: "error", warning: "error", warn: "error", fail: "error", failure: "error",
    call: "call", phone: "call", ring: "call", message: "message", info: "message", notice: "message",
    toast: "message", success: "message", notification: "notification", notify: "notification" };
  var BY_MEANING = {
    add: { error: "add_error", call: "add_call" },
    show: { error: "show_message_error", call: "show_notification", message: "show_message", notification: "show_notification" }
  };
  function closest(name) {
    var words = name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split("_");
    var family = BY_MEANING[words[0]];
    if (family) {
      for (var i = words.length - 1; i > 0; i--) {
        var meant = family[MEANING[words[i]]];
        if (meant) return meant;
      }
    }
    var plain = function (s) { return s.toLowerCase().replace(/_/g, ""); };
    var best = null, bestDistance = Infinity;
    METHODS.concat(["configure"]).forEach(function (method) {
      var d = distance(plain(name), plain(method));
      if (d < bestDistance) { best = method; bestDistance = d; }
    });
    return bestDistance <= Math.max(3, Math.floor(name.length / 3)) ? best : null;
  }

  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) row[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var diagonal = row[0];
      row[0] = i;
      for (var k = 1; k <= b.length; k++) {
        var above = row[k];
        row[k] = Math.min(above + 1, row[k - 1] + 1, diagonal + (a[i - 1] === b[k - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  }

  // `AMOCRM.addNotificationCallback(widget_code, callback)`: one callback per widget (a widget that
  // starts again replaces its own). True when kept; false and one console.error otherwise.
  function addNotificationCallback(code, callback) {
    var problem = typeof code !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(code)
      ? '"widget_code" must be a widget code (letters, digits, "_" and "-"), got ' + kind(code)
      : typeof callback !== "function" ? '"callback" must be a function, got ' + kind(callback) : null;
    if (problem) {
      console.error("AMOCRM.addNotificationCallback: " + problem);
      return false;
    }
    api[KEY].widgetCallbacks[code] = callback;
    return true;
  }

  function kind(value) {
    if (value === null) return "null";
    if (Array.isArray(value)) return "an array";
    return typeof value === "string" ? "a string, " + JSON.stringify(value) : "a " + typeof value;
  }

  function settle(callbacks, error) {
    Promise.resolve().then(function () {
      if (!callbacks || typeof callbacks !== "object") return;
      invoke(callbacks, "fail", error);
      invoke(callbacks, "always");
    });
  }

  function reject(name, callbacks) {
    return refuse(name, "AMOCRM.notifications." + name + ": the notification center has stopped after an " +
      "internal error (" + (state.stopped || "unknown") + "); the call was not made", callbacks);
  }

  // A call that is not made: false, one console.error, then `fail(error)` and `always()`.
  function refuse(name, message, callbacks) {
    var error = new Error(message);
    error.name = "NotificationError";
    error.method = name;
    error.field = null;
    console.error(message);
    // As the app does: after returning, each callback on its own (one that throws is reported and
    // does not stop the next), and nothing read from the widget's object until then.
    settle(callbacks, error);
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

  var notifications = exposed(api, api[KEY]);
  ["AMOCRM", "APP"].forEach(function (name) {
    var host = w[name];
    if (!host || (typeof host !== "object" && typeof host !== "function")) host = w[name] = {};
    host.notifications = notifications;
    if (typeof host.addNotificationCallback !== "function") host.addNotificationCallback = addNotificationCallback;
  });
})(window);
