// Calls the declarations must refuse: `tsc --noEmit` on this file must report an error on exactly
// the lines marked "error:" (tests/types/check.mjs counts them).
/// <reference path="../../assets/amocrm-notify.d.ts" />

AMOCRM.notifications.show_message_error({ header: "h", text: { nested: true } }); // error: text is a string or number
AMOCRM.notifications.show_notification({ text: { header: "h", text: "t" }, type: "type" }); // error: type is "call" or "error"
AMOCRM.notifications.add_error({ text: "t", link: 42 }); // error: a URL is a string
AMOCRM.notifications.add_call({ text: "t", element: { id: 1, type: "deal" } }); // error: unknown entity type
AMOCRM.notifications.add_call({ text: "t", element: { type: "contact" } }); // error: element.id is required
AMOCRM.notifications.add_error({ text: "t" }, { done: "yes" }); // error: callbacks are functions
const id: string = AMOCRM.notifications.add_error({ text: "t" }); // error: the result may be false
AMOCRM.notifications.show_message({ header: "h", text: "t", date: true }); // error: a date is a number, string or Date
AMOCRM.notifications.configure({ endpoint: 42 }); // error: the endpoint is a URL string
AMOCRM.notifications.show_message({}); // error: nothing to show
AMOCRM.notifications.add_error({ text: "t", without_header: "yes" }); // error: without_header is a boolean
AMOCRM.addNotificationCallback("my_widget", "not a function"); // error: the callback is a function
AMOCRM.notifications.configure({ renew_token: "renewToken" }); // error: renew_token is a function
