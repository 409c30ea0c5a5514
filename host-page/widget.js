// A telephony widget as real amoCRM widgets are written: it uses both global names, passes markup,
// an empty header, Date objects and callbacks, and looks up its earlier notifications by data-id.
(function () {
  "use strict";
  var account = AMOCRM.constant("account");

  // On load: a short success message, as widgets do after connecting.
  APP.notifications.show_message({
    header: "",
    text: "<b>Telephony</b> connected to account " + account.id,
    timeout: 3000,
    type: "success",
  });

  // An error the center keeps.
  AMOCRM.notifications.add_error({
    header: "Telephony",
    text: "Could not sync the call log: <b>503</b> from the PBX",
    date: new Date(),
    link: "/contacts/list/?term=4951234567",
  }, {
    done: function (notification) { window.__widgetLog = (window.__widgetLog || []).concat("error " + notification.id); },
    fail: function (error) { console.warn("telephony widget:", error.message); },
  });

  // A call, with the fields real telephony widgets add.
  function reportCall() {
    return AMOCRM.notifications.add_call({
      header: "Incoming call",
      text: "Caller: <b>Acme Ltd</b>",
      from: "+1 (415) 523-7743",
      to: "Ada L.",
      duration: 95,
      date: Math.floor(Date.now() / 1000),
      element: { id: 18221265, type: "contact", name: "Jeremy Watts" },
    });
  }
  window.__widgetCall = reportCall;
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("call-me");
    if (button) button.addEventListener("click", reportCall);
  });
})();
