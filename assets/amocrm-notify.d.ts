/**
 * TypeScript declarations for the amoCRM widget notifications API as amocrm-notify implements it:
 * `AMOCRM.notifications` and `APP.notifications` (the same object).
 *
 * The types follow the app's validation rules (README, "Validation"); a call the types accept can
 * still be refused at run time for a value only known then (an empty `text`, say). Every method
 * returns the new notification's id, or `false` when the call was refused (the reason is written to
 * the console and passed to `fail`).
 *
 *   /// <reference path="amocrm-notify.d.ts" />
 *   AMOCRM.notifications.show_message({ header: "Warning", text: "Connection established" });
 */

declare namespace AmocrmNotify {
  /** A text field: a string (formatting markup allowed in `header` and `text`) or a finite number. */
  type Text = string | number;

  /**
   * A date: a timestamp in seconds (below 1e11) or milliseconds, a string of digits, a `Date`, or an
   * ISO 8601 string. Missing, unreadable or more than a year ahead means now.
   */
  type DateInput = number | string | Date;

  /** Absolute http(s), protocol-relative (`//host/...`) or a path on the site; anything else is left out. */
  type Url = string;

  type MethodName = "show_message" | "show_message_error" | "show_notification" | "add_error" | "add_call";

  /** What `fail` receives. */
  interface NotificationError extends Error {
    name: "NotificationError";
    method: MethodName;
    /** The field at fault (dotted, as `text.header`), or null when the parameters as a whole are wrong. */
    field: string | null;
  }

  /** Called after the method has returned: `done` or `fail`, then `always`. */
  interface Callbacks {
    done?: (notification: Notification) => void;
    fail?: (error: NotificationError) => void;
    always?: () => void;
  }

  /**
   * `text` given as an object to a method other than `show_notification`: its `header` (unless the
   * call has its own) and `text` are read, with a console.warn.
   */
  interface NestedText {
    header?: Text;
    text?: Text;
  }

  interface Common {
    /** Hides the header (`show_message_error` in real widgets). */
    without_header?: boolean;
    /** With `link`: a button on the pop-up that follows it. Without `link` it is left out, with a console.warn. */
    button_text?: Text;
    /** The widget whose `addNotificationCallback` runs when the person opens the notification. */
    widget_code?: string;
    date?: DateInput;
    /** The pop-up's icon. */
    icon?: Url;
    /** Where clicking the notification goes. */
    link?: Url;
    /** How long the pop-up stays, in ms (errors and calls stay until closed unless given). */
    timeout?: number;
  }

  /**
   * What a pop-up shows: the reference wants both `header` (may be empty) and `text`. Either alone is
   * shown, with one console.warn; neither is refused (false, console.error).
   */
  type HeaderAndText =
    | { header: Text; text: Text | NestedText }
    | { header?: Text; text: Text | NestedText }
    | { header: Text; text?: Text | NestedText };

  type ShowMessageParams = Common & HeaderAndText & { type?: "info" | "success" | "error" };

  type ShowMessageErrorParams = Common & HeaderAndText;

  interface ShowNotificationParams extends Common {
    text: {
      /** May be empty. */
      header: Text;
      text: Text;
    };
    type: "call" | "error";
  }

  /** The flat shape real widgets send to `show_notification`: read, with a console.warn (and without
   * `type`, shown as information, with another). */
  interface FlatNotificationParams extends Common {
    header?: Text;
    text: Text;
    type?: "call" | "error";
  }

  type AddErrorParams = Common & ({ header?: Text; text: Text | NestedText } | { header: Text; text?: Text | NestedText });

  /** Read in any case ("Contact"). An element that cannot be linked to (id 0, an unknown type) is left
   * out with a console.warn; the call still shows. */
  type EntityType = "contact" | "lead" | "company" | "Contact" | "Lead" | "Company" | "contacts" | "leads" | "companies";

  interface AddCallParams {
    header?: Text;
    text: Text | NestedText;
    widget_code?: string;
    date?: DateInput;
    from?: Text;
    to?: Text;
    /** The CRM entity the call is about; its page is where clicking goes, unless `click_link` is given. */
    element?: {
      /** A positive integer, or a string of digits. */
      id: number | string;
      type: EntityType;
      name?: Text;
    };
    /** Seconds, 0 to a week. */
    duration?: number | string;
    /** The call's recording. */
    link?: Url;
    click_link?: Url;
    icon?: Url;
    timeout?: number;
  }

  /** The notification as `done` receives it. */
  interface Notification {
    id: string;
    method: MethodName;
    type: "info" | "success" | "error" | "call";
    header: string;
    text: string;
    /** Seconds since the epoch. */
    date: number;
    is_read: boolean;
    /** Kept in the notification center (`add_*`). */
    stored: boolean;
    icon?: string;
    link?: string;
    timeout?: number;
    from?: string;
    to?: string;
    /** `name` is there when the widget gave one. */
    element?: { id: number; type: EntityType; name?: string };
    duration?: number;
    click_link?: string;
    widget_code?: string;
  }

  /** The id of the new notification, or `false` when the call was refused. */
  type Result = string | false;

  interface Notifications {
    /** An information pop-up. */
    show_message(params: ShowMessageParams, callbacks?: Callbacks): Result;
    /** @deprecated A string is shown as the text, with a console.warn: pass `{ header, text }`. */
    show_message(text: string, callbacks?: Callbacks): Result;
    /** An error pop-up that stays until closed. */
    show_message_error(params: ShowMessageErrorParams, callbacks?: Callbacks): Result;
    /** A call or error pop-up. */
    show_notification(params: ShowNotificationParams, callbacks?: Callbacks): Result;
    /** @deprecated Read, with a console.warn: pass `{ text: { header, text }, type }`. */
    show_notification(params: FlatNotificationParams, callbacks?: Callbacks): Result;
    /** An error in the notification center, with a pop-up. */
    add_error(params: AddErrorParams, callbacks?: Callbacks): Result;
    /** A call in the notification center, with a pop-up. */
    add_call(params: AddCallParams, callbacks?: Callbacks): Result;
    /**
     * Names the account's server (not one of the vendor's methods). `add_*` notifications are then
     * POSTed to `endpoint` and `done` waits for it; `stream` is a Server-Sent Events feed of entries.
     * Each is an http(s) URL or a path on this site; `null` removes it, leaving a field out keeps
     * it. `token` is the person's token signed by the account's backend (sent only as
     * `Authorization: Bearer`): with it the server keeps the person's center on every device.
     * `renew_token` keeps the person signed in (see {@link RenewToken}). `false` when refused.
     */
    configure(options: ServerOptions): boolean;
  }

  interface ServerOptions {
    endpoint?: Url | null;
    stream?: Url | null;
    token?: string | null;
    /** Gets a new token when the current one is about to expire or is refused; `null` removes it. */
    renew_token?: RenewToken | null;
  }

  /** What `renew_token` is told. */
  interface RenewRequest {
    /**
     * `"expiring"`: a fifth of the token's life before its `exp` (at least 2 s, at most a minute),
     * read from the token without verifying it. `"refused"`: the server answered 401.
     */
    reason: "expiring" | "refused";
    /** The token in use now. */
    token: string | null;
  }

  /**
   * Returns the person's new token (a promise of one). Called once per expiry for all the tabs of
   * the browser (under a Web Lock; the new token reaches the other tabs). Requests wait meanwhile
   * and are retried with the new token; nothing queued is lost. If it throws, rejects or returns
   * something that is not a token, the app says so with one `console.error`, shows "Signed out",
   * dispatches `amocrm-notify:unauthorized` and waits for `configure({ token })`; it asks again at
   * the next refusal, at most every 5 s.
   */
  type RenewToken = (request: RenewRequest) => string | Promise<string>;

  /** `detail` of the `amocrm-notify:unauthorized` event. */
  interface UnauthorizedDetail {
    /** The server's code: `"token_expired"` (renew it), `"unauthorized"`, or `"renewal_failed"`. */
    code: "token_expired" | "unauthorized" | "renewal_failed";
    message: string;
  }

  /** `window.AMOCRM` / `window.APP`: other members of a host's object are its own. */
  interface Host {
    notifications: Notifications;
    /**
     * Keeps `callback` for the widget `widget_code` (one per widget; a second call replaces it). It
     * runs with the notification's data when the person opens a pop-up or center entry whose
     * `widget_code` is this one. Works before the app has started. False, with a console.error,
     * for a bad code or a callback that is not a function.
     */
    addNotificationCallback(widget_code: string, callback: (notification: Notification) => void): boolean;
    [member: string]: unknown;
  }
}

interface WindowEventMap {
  /**
   * The server refused the person's token and the page gave no `renew_token` (or it failed):
   * sign the person in again and call `configure({ token })`. Once per refused token.
   */
  "amocrm-notify:unauthorized": CustomEvent<AmocrmNotify.UnauthorizedDetail>;
}

declare var AMOCRM: AmocrmNotify.Host;
declare var APP: AmocrmNotify.Host;
