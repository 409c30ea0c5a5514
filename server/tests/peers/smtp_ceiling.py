"""The SMTP sink's own ceiling, for `scripts/bench server`: how many emails a second a plain client
takes into it on this machine, to set the server's email rate beside.

    python smtp_ceiling.py PORT [CONNECTIONS [EMAILS]]

Sends EMAILS (default 2000) emails, each about the size of the server's (a text and an HTML part),
over CONNECTIONS (default 8) persistent connections with Python's smtplib, one thread each, and
prints "ceiling <emails a second>".
"""
import email.policy
import smtplib
import sys
import threading
import time
from email.message import EmailMessage


def message(n):
    m = EmailMessage()
    m["From"] = "CRM <notify@bench.example>"
    m["To"] = f"person-{n}@bench.example"
    m["Subject"] = f"[bench] Error: Contact not found {n}"
    m["Message-ID"] = f"<ceiling-{n}@bench.example>"
    m.set_content("Failed to set the task! Contact not found.\n\nOpen in the CRM: https://bench.example/\n" * 4)
    m.add_alternative("<p>Failed to set the task! <b>Contact not found.</b></p>" * 12, subtype="html")
    return m


def main():
    port = int(sys.argv[1])
    connections = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    emails = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    each = emails // connections
    # Written out before the clock starts: the client's own work is not the sink's ceiling.
    messages = [
        [(m["To"], m.as_bytes(policy=email.policy.SMTP)) for m in (message(c * each + i) for i in range(each))]
        for c in range(connections)
    ]

    errors = []

    def send(batch):
        try:
            with smtplib.SMTP("127.0.0.1", port) as client:
                for to, raw in batch:
                    client.sendmail("notify@bench.example", [to], raw)
        except Exception as error:  # every email must be taken, or there is no ceiling to report
            errors.append(error)

    threads = [threading.Thread(target=send, args=(batch,)) for batch in messages]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        sys.exit(f"the sink refused: {errors[0]!r}")
    print(f"ceiling {each * connections / elapsed:.1f}", flush=True)


if __name__ == "__main__":
    main()
