//! The payloads the dashboard fires: every example of the reference, verbatim, and the shapes the
//! field notes report from real widgets.

use crate::notification::Method;

pub struct Example {
    pub label: &'static str,
    pub method: Method,
    /// The parameters as JSON (the reference's `+19534084500` is the number 19534084500).
    pub params: &'static str,
}

/// The reference's examples, in its order.
pub const REFERENCE: &[Example] = &[
    Example {
        label: "Information message",
        method: Method::ShowMessage,
        params: r#"{
  "header": "Warning",
  "text": "Connection established",
  "date": 19534084500,
  "icon": "https://www.example.com/images/telephone.png"
}"#,
    },
    Example {
        label: "Error message",
        method: Method::ShowMessageError,
        params: r#"{
  "header": "Warning",
  "text": "Connection to the server is lost"
}"#,
    },
    Example {
        label: "Outgoing call pop-up",
        method: Method::ShowNotification,
        params: r#"{
  "text": {
    "header": "Outgoing call",
    "text": "Dialing the number +19872345678"
  },
  "type": "call"
}"#,
    },
    Example {
        label: "Error pop-up",
        method: Method::ShowNotification,
        params: r#"{
  "text": {
    "header": "Error",
    "text": "Error working with the widget"
  },
  "type": "error"
}"#,
    },
    Example {
        label: "Error in the center",
        method: Method::AddError,
        params: r#"{
  "header": "Error",
  "text": "Failed to set the task! Contact not found!",
  "date": 19534085310,
  "link": "/contacts/list/?term=4951234567"
}"#,
    },
    Example {
        label: "Incoming call",
        method: Method::AddCall,
        params: r#"{
  "text": "Call from +1 (415) 523-7743",
  "date": 19534084500,
  "from": "Jeremy Watts",
  "to": "Jason Nash",
  "element": { "id": 18221265, "type": "contact" },
  "duration": 250,
  "link": "https://example.com/dialog.mp3"
}"#,
    },
];

/// Shapes from the field notes: markup, empty headers, timeouts, extra call fields.
pub const FIELD_NOTES: &[Example] = &[
    Example {
        label: "Markup in text",
        method: Method::ShowMessage,
        params: r#"{
  "header": "<b class=\"title\">Deal won</b>",
  "text": "<p>Lead <a href=\"/leads/detail/7310\">Annual plan</a> moved to <strong>Won</strong></p>",
  "type": "success"
}"#,
    },
    Example {
        label: "Short timeout, empty header",
        method: Method::ShowMessage,
        params: r#"{
  "header": "",
  "text": "Saved. This closes after 3 seconds.",
  "timeout": 3000
}"#,
    },
    Example {
        label: "Call with a name and header",
        method: Method::AddCall,
        params: r#"{
  "header": "Incoming call · Sales line",
  "text": "Maria Lopez<br><a href=\"/contacts/detail/5123\">Open the contact card</a>",
  "date": 1714566795,
  "from": "+1 (212) 555-0142",
  "to": "ext. 204",
  "element": { "id": 5123, "type": "contact", "name": "Maria Lopez" },
  "duration": 65,
  "click_link": "/leads/detail/7310"
}"#,
    },
    Example {
        label: "Error without a header",
        method: Method::AddError,
        params: r#"{
  "text": "Webhook delivery failed: the endpoint answered 502",
  "link": "/companies/detail/4410"
}"#,
    },
];
