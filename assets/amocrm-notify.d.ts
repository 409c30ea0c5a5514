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

  interface Common {
    date?: DateInput;
    /** The pop-up's icon. */
    icon?: Url;
    /** Where clicking the notification goes. */
    link?: Url;
    /** How long the pop-up stays, in ms (errors and calls stay until closed unless given). */
    timeout?: number;
  }

  interface ShowMessageParams extends Common {
    /** May be empty. */
    header: Text;
    text: Text;
    type?: "info" | "success" | "error";
  }

  interface ShowMessageErrorParams extends Common {
    /** May be empty. */
    header: Text;
    text: Text;
  }

  interface ShowNotificationParams extends Common {
    text: {
      /** May be empty. */
      header: Text;
      text: Text;
    };
    type: "call" | "error";
  }

  interface AddErrorParams extends Common {
    header?: Text;
    text: Text;
  }

  type EntityType = "contact" | "lead" | "company";

  interface AddCallParams {
    header?: Text;
    text: Text;
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
    element?: { id: number; type: EntityType; name: string };
    duration?: number;
    click_link?: string;
  }

  /** The id of the new notification, or `false` when the call was refused. */
  type Result = string | false;

  interface Notifications {
    /** An information pop-up. */
    show_message(params: ShowMessageParams, callbacks?: Callbacks): Result;
    /** An error pop-up that stays until closed. */
    show_message_error(params: ShowMessageErrorParams, callbacks?: Callbacks): Result;
    /** A call or error pop-up. */
    show_notification(params: ShowNotificationParams, callbacks?: Callbacks): Result;
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
     * `false` when refused.
     */
    configure(options: ServerOptions): boolean;
  }

  interface ServerOptions {
    endpoint?: Url | null;
    stream?: Url | null;
    token?: string | null;
  }

  /** `window.AMOCRM` / `window.APP`: other members of a host's object are its own. */
  interface Host {
    notifications: Notifications;
    [member: string]: unknown;
  }
}

declare var AMOCRM: AmocrmNotify.Host;
declare var APP: AmocrmNotify.Host;
