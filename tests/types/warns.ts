// Shapes real widgets send that differ from the reference: each is accepted and shown, with one
// console.warn naming the field. They must compile (the overloads that take them are marked
// @deprecated, so an editor strikes them through).
/// <reference path="../../assets/amocrm-notify.d.ts" />

AMOCRM.notifications.show_message({ text: "Saved" });
AMOCRM.notifications.show_message_error({ text: "Could not save" });
AMOCRM.notifications.show_message("Saved");
AMOCRM.notifications.show_notification({ header: "Sync", text: "Done", date: 1534084500 });
AMOCRM.notifications.add_call({ text: { header: "Incoming call", text: "From Ivan" } });
AMOCRM.notifications.add_error({ header: "Only a header" });
AMOCRM.notifications.show_message_error({ header: "Hidden", text: "Body", without_header: true });
AMOCRM.notifications.show_message({ header: "Lead 9", text: "Updated", link: "/leads/detail/9", button_text: "Open" });
AMOCRM.notifications.add_call({ text: "t", element: { id: 7, type: "Contact" } });
const n = APP.notifications;
n.add_error({ text: "kept in a variable", widget_code: "acme_telephony" });
AMOCRM.addNotificationCallback("acme_telephony", (notification) => console.log(notification.widget_code));
