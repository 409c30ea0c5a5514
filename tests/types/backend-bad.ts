// What the two descriptions of the wire must refuse: each line marked "error:" must fail to compile
// (check.mjs), so the checks in backend.ts are shown able to fail.
/// <reference path="../../assets/amocrm-notify.d.ts" />
import type { components, paths } from "./generated/openapi";

type Schemas = components["schemas"];
type Post = paths["/v1/notifications"]["post"]["requestBody"]["content"]["application/json"];

const record = (method: string): Post => ({
  id: "a",
  notification: { v: 1, id: "a", method: method, kind: "error", header: "", text: "x", date: 1 }, // error: a string is not a method
});
const noKind: Schemas["Record"] = { v: 1, id: "a", method: "add_error", header: "", text: "x", date: 1 }; // error: kind is required
const deal: Schemas["ElementRecord"] = { type: "deal", id: 1 }; // error: not an element type
const limited: AmocrmNotify.UnauthorizedDetail["code"] = "rate_limited" as Schemas["ErrorCode"]; // error: not a 401's code
const eventId: string = ({} as Schemas["Accepted"]).event_id; // error: a number
const unknownField: Schemas["FilterBody"] = { filter: "all", since: 5 }; // error: no such field
const method: AmocrmNotify.MethodName = "show_toast" satisfies Schemas["Method"]; // error: not a method
export { record, noKind, deal, limited, eventId, unknownField, method };
