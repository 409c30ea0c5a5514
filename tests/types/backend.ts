// A host's backend, in TypeScript, typed by both descriptions of the one wire: the API's document
// (types generated from docs/openapi.json by openapi-typescript into generated/openapi.d.ts) and the
// app's declarations (assets/amocrm-notify.d.ts). Where the two describe the same thing, this file
// makes them meet, so `tsc` fails the day they disagree. check.mjs compiles it; backend-bad.ts shows
// the checks can fail.
/// <reference path="../../assets/amocrm-notify.d.ts" />
import type { components, paths } from "./generated/openapi";

type Schemas = components["schemas"];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(proof: Same<A, B>): Same<A, B> => proof;

// The five methods have the same names in the document and in the declarations.
same<Schemas["Method"], AmocrmNotify.MethodName>(true);
// Every element type the server writes is one the app takes (the app takes plurals and capitals too).
const elementType: AmocrmNotify.EntityType = "contact" as Schemas["EntityKind"];
// The codes a 401 carries reach the page's `amocrm-notify:unauthorized` event as they are.
const refusal: AmocrmNotify.UnauthorizedDetail["code"] = "token_expired" as Extract<
  Schemas["ErrorCode"],
  "unauthorized" | "token_expired"
>;
// An entry's kind is a pop-up type the app's `done` reports.
const kind: AmocrmNotify.Notification["type"] = "call" as Schemas["EntryKind"];

type Post = paths["/v1/notifications"]["post"]["requestBody"]["content"]["application/json"];
type Accepted = paths["/v1/notifications"]["post"]["responses"][201]["content"]["application/json"];
type ErrorBody = Schemas["ErrorBody"];

/** The backend announces a call it knows of, with the fields `add_call` takes, as the app would post it. */
function announceCall(id: string, call: AmocrmNotify.AddCallParams & { text: string; from?: string }): Post {
  return {
    id,
    notification: {
      v: 1,
      id,
      method: "add_call",
      kind: "call",
      header: String(call.header ?? ""),
      text: call.text,
      date: Date.now(),
      call: {
        from: call.from,
        element: call.element && {
          type: "contact" satisfies Schemas["EntityKind"],
          id: Number(call.element.id),
          name: call.element.name === undefined ? undefined : String(call.element.name),
        },
        duration: typeof call.duration === "number" ? call.duration : undefined,
      },
      widget_code: call.widget_code,
    },
    channels: ["interface"],
  };
}

/** Posts it with the person's token; the answer typed by the document. */
async function post(server: string, token: string, body: Post): Promise<Accepted> {
  const answer = await fetch(`${server}/v1/notifications`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (answer.status === 201 || answer.status === 200) return (await answer.json()) as Accepted;
  const { error } = (await answer.json()) as ErrorBody;
  throw new Error(`${error.code}${error.field ? ` (${error.field})` : ""}: ${error.message}`);
}

/** A stream event's entry, read as the notification the app's `done` describes. */
function asNotification(record: Schemas["Record"]): Pick<AmocrmNotify.Notification, "id" | "method" | "type" | "header" | "text" | "widget_code"> {
  return {
    id: record.id,
    method: record.method,
    type: record.kind,
    header: record.header,
    text: record.text,
    widget_code: record.widget_code ?? undefined,
  };
}

export { announceCall, post, asNotification, elementType, refusal, kind };
