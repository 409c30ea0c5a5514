// The reference's examples and the field notes' shapes, typed: `tsc --noEmit` must accept all of it.
/// <reference path="../../assets/amocrm-notify.d.ts" />

const message: string | false = AMOCRM.notifications.show_message({
  header: "Warning",
  text: "Connection established",
  date: +19534084500,
  icon: "https://www.example.com/images/telephone.png",
});
AMOCRM.notifications.show_message_error({ header: "Warning", text: "Connection to the server is lost" });
AMOCRM.notifications.show_notification({ text: { header: "Outgoing call", text: "Dialing the number +19872345678" }, type: "call" });
AMOCRM.notifications.show_notification({ text: { header: "Error", text: "Error working with the widget" }, type: "error" });
AMOCRM.notifications.add_error({
  header: "Error",
  text: "Failed to set the task! Contact not found!",
  date: +19534085310,
  link: "/contacts/list/?term=4951234567",
});
AMOCRM.notifications.add_call({
  text: "Call from +1 (415) 523-7743",
  date: +19534084500,
  from: "Jeremy Watts",
  to: "Jason Nash",
  element: { id: 18221265, type: "contact" },
  duration: 250,
  link: "https://example.com/dialog.mp3",
});

// Field notes: APP, markup, an empty header, a timeout, a Date, callbacks, extra call fields.
APP.notifications.show_message({ header: "", text: "<b>Saved</b>", timeout: 3000, type: "success" });
AMOCRM.notifications.add_error({ text: 404, date: new Date() }, {
  done: (n) => console.log(n.id, n.stored, n.date.toFixed(0)),
  fail: (e) => console.log(e.method, e.field ?? "(params)"),
  always: () => undefined,
});
AMOCRM.notifications.add_call({
  header: "Incoming call",
  text: "From the site",
  element: { id: "42", type: "lead", name: "Website order" },
  click_link: "https://example.com/lead/42",
});
const configured: boolean = AMOCRM.notifications.configure({ endpoint: "/api/notifications", stream: null });
AMOCRM.notifications.configure({
  token: "eyJ.a.b",
  renew_token: async ({ reason, token }) => (await fetch(`/session/notify-token?why=${reason}&had=${token !== null}`)).text(),
});
addEventListener("amocrm-notify:unauthorized", (event) => console.log(event.detail.code, event.detail.message));
const widgets: unknown = AMOCRM.widgets; // a host's own members stay its own
if (message !== false) console.log(message.toUpperCase(), widgets, configured);
