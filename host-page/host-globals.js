// The host defines window.AMOCRM before amocrm-notify loads, with members of its own.
window.AMOCRM = {
  widgets: { list: { telephony: { version: "2.4.1" } } },
  constant: function (name) { return { account: { id: 31337 }, user: { id: 7 } }[name]; },
  lang_id: "en",
};
