"""Schemathesis hooks for the account server's API (loaded through SCHEMATHESIS_HOOKS by
tests/api/schemathesis.sh): who each request is from.

A person's operations get a token signed here, as a host's backend signs one, with the account's
secret (HS256, `acc`, `sub`, `exp`), fresh for each run and renewed before it could expire. The
admin operations get the server's admin token. Schemathesis's `ignored_auth` check then sends each
operation without them, and the server must refuse it."""

import copy
import os
import time
import uuid

import jwt
import schemathesis

ACCOUNT = os.environ["AMOCRM_NOTIFY_ST_ACCOUNT"]
SECRET = os.environ["AMOCRM_NOTIFY_ST_SECRET"]
PERSON = os.environ["AMOCRM_NOTIFY_ST_PERSON"]
ADMIN_TOKEN = os.environ["AMOCRM_NOTIFY_ST_ADMIN_TOKEN"]


def bearer(case, token):
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


@schemathesis.auth(refresh_interval=600).apply_to(path_regex="^/v1/admin/")
class Operator:
    def get(self, case, ctx):
        return ADMIN_TOKEN

    def set(self, case, data, ctx):
        bearer(case, data)


@schemathesis.auth(refresh_interval=600).skip_for(path_regex="^/v1/admin/")
class Person:
    def get(self, case, ctx):
        now = int(time.time())
        return jwt.encode({"acc": ACCOUNT, "sub": PERSON, "iat": now, "exp": now + 3600}, SECRET, algorithm="HS256")

    def set(self, case, data, ctx):
        bearer(case, data)


def is_positive_body(case):
    body = case.meta.components.get("body") if case.meta else None
    return body is not None and body.mode == "positive"


@schemathesis.hook
def map_case(context, case):
    """Makes a schema-valid notification post one the server also takes, so the stateful links
    (read, unread, remove) have entries to follow.

    JSON Schema cannot say all of what the server checks of a notification (the post's id is the
    notification's, the kind goes with the method, the header or the text shows something, links
    are safe), so most generated posts would be refused, correctly, and the chains would stop at
    their first step. Only positive bodies of `post_notification` are touched, and what they get
    still fits the schema; negative ones are left as generated, for the server to refuse.
    Conflicts (409, an id taken by other content) are still tried by the explicit examples and by
    the server's own suite."""
    if context.operation is None or context.operation.label != "POST /v1/notifications":
        return case
    if not is_positive_body(case) or not isinstance(case.body, dict):
        return case
    # A copy: generated values may share their parts with other cases.
    body = case.body = copy.deepcopy(case.body)
    notification = body.get("notification")
    if not isinstance(notification, dict):
        return case
    # A new id each time: generated ids repeat ("0") with other content, which is a conflict.
    body["id"] = notification["id"] = f"st-{uuid.uuid4()}"
    call = notification.get("method") == "add_call"
    notification["method"], notification["kind"] = ("add_call", "call") if call else ("add_error", "error")
    if not call:
        notification.pop("call", None)
    elif isinstance(notification.get("call"), dict):
        for field in ("link", "click_link"):
            notification["call"].pop(field, None)
        for field in ("from", "to"):
            if isinstance(notification["call"].get(field), str):
                notification["call"][field] = notification["call"][field][:1000]
        element = notification["call"].get("element")
        if isinstance(element, dict) and isinstance(element.get("name"), str):
            element["name"] = element["name"][:1000]
    for field in ("icon", "link"):
        notification.pop(field, None)
    text = notification.get("text")
    notification["text"] = "Schemathesis " + (text[:1000] if isinstance(text, str) else "")
    header = notification.get("header")
    notification["header"] = header[:1000] if isinstance(header, str) else ""
    return case
