"""A real SMTP server for the server's email tests (aiosmtpd), on 127.0.0.1.

    python smtp_sink.py DIR PORT

Each accepted message is written to DIR as <n>.eml and parsed by Python's own email package into
<n>.json: subject, Message-ID, To, the plain-text part, the HTML part, and every HTML start tag
with its attributes (html.parser), so a test can check the HTML without parsing it itself.
The file DIR/mode decides the answer to DATA: "ok" (250, the default), "451" (try later) or "550"
(mailbox unavailable); every DATA is counted in DIR/attempts. Prints "listening PORT" when ready.
"""
import asyncio
import email
import email.policy
import json
import os
import sys
import time
from html.parser import HTMLParser

from aiosmtpd.controller import Controller


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append([tag, [[k, v] for k, v in attrs]])


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    def mode(self):
        try:
            with open(os.path.join(self.folder, "mode")) as f:
                return f.read().strip()
        except FileNotFoundError:
            return "ok"

    async def handle_DATA(self, server, session, envelope):
        with open(os.path.join(self.folder, "attempts"), "a") as f:
            f.write("x")
        mode = self.mode()
        if mode == "451":
            return "451 4.3.0 Try again later"
        if mode == "550":
            return "550 5.1.1 Mailbox unavailable"
        self.count += 1
        raw = envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        html_text = html.get_content() if html else ""
        tags = Tags()
        tags.feed(html_text)
        parsed = {
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "to": str(message["To"]),
            "from": str(message["From"]),
            "text": text.get_content() if text else "",
            "html": html_text,
            "tags": tags.tags,
            "received_at": time.time(),
        }
        name = os.path.join(self.folder, f"{self.count:06d}")
        with open(name + ".eml", "wb") as f:
            f.write(raw)
        with open(name + ".json.tmp", "w") as f:
            json.dump(parsed, f)
        os.rename(name + ".json.tmp", name + ".json")
        return "250 OK"


def main():
    folder, port = sys.argv[1], int(sys.argv[2])
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"listening {port}", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
