"""An SMTP server that only counts what it takes (aiosmtpd), on 127.0.0.1, for `scripts/bench server`:
the server's own email rate, beyond what the recording sink (smtp_sink.py) can take on a slow disk.

    python smtp_counter.py DIR PORT

Accepts every message and counts it; every 50 ms writes the count to DIR/count. Prints
"listening PORT" when ready.
"""
import asyncio
import os
import sys

from aiosmtpd.controller import Controller


class Counter:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


async def report(counter, folder):
    path = os.path.join(folder, "count")
    while True:
        with open(path + ".tmp", "w") as f:
            f.write(str(counter.count))
        os.replace(path + ".tmp", path)
        await asyncio.sleep(0.05)


def main():
    folder, port = sys.argv[1], int(sys.argv[2])
    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.create_task(report(counter, folder))
    print(f"listening {port}", flush=True)
    try:
        loop.run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
