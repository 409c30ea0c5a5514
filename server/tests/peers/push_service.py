"""A push-service stand-in for the server's Web Push tests, on 127.0.0.1, checking everything with
libraries independent of the server's: PyJWT (the VAPID signature) and http_ece (the payload).

    python push_service.py DIR PORT

It makes its own subscription (a P-256 key pair and an auth secret, as a browser would) and writes
it to DIR/subscription.json in the shape of PushSubscription.toJSON(), with the endpoint
http://127.0.0.1:PORT/push/<id>. For each POST to an endpoint it checks the VAPID JWT (ES256,
signed by the key in the header's k=, audience exactly this origin, http://127.0.0.1:PORT, port
included as RFC 8292 wants, a future expiry, a sub) and decrypts the aes128gcm body, and writes what
it got to DIR/<n>.json. The file DIR/mode decides the answer: "201" (the default), "410", "413",
"429" (with Retry-After: 1), "429-date" (with Retry-After as an HTTP date 4 s ahead) or "500".
Every POST is counted in DIR/attempts. Prints "listening PORT" when ready.
"""
import base64
import email.utils
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


FOLDER, PORT = sys.argv[1], int(sys.argv[2])
KEY = ec.generate_private_key(ec.SECP256R1())
AUTH = os.urandom(16)
PUBLIC = KEY.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
# Requests are handled on threads of their own: the count and the file name it gives are taken
# under a lock, or two pushes at once could be written to one file and one of them lost.
COUNT = [0]
COUNT_LOCK = threading.Lock()


def mode():
    try:
        with open(os.path.join(FOLDER, "mode")) as f:
            return f.read().strip()
    except FileNotFoundError:
        return "201"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(os.path.join(FOLDER, "attempts"), "a") as f:
            f.write("x")
        problem = None
        payload = None
        try:
            scheme, _, params = self.headers["Authorization"].partition(" ")
            assert scheme == "vapid", f"scheme {scheme}"
            fields = dict(p.strip().split("=", 1) for p in params.split(","))
            signer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64(fields["k"]))
            claims = jwt.decode(fields["t"], signer, algorithms=["ES256"], audience=f"http://127.0.0.1:{PORT}")
            assert claims["exp"] > time.time(), "expired"
            assert claims.get("sub", "").startswith(("mailto:", "https:")), f"sub {claims.get('sub')}"
            assert self.headers["Content-Encoding"] == "aes128gcm"
            assert int(self.headers["TTL"]) > 0
            payload = json.loads(http_ece.decrypt(body, private_key=KEY, auth_secret=AUTH, version="aes128gcm"))
        except Exception as error:  # noqa: BLE001 - any failure is the finding
            problem = f"{type(error).__name__}: {error}"
        answer = mode()
        if problem is not None:
            answer = "400"
        with COUNT_LOCK:
            COUNT[0] += 1
            number = COUNT[0]
        record = {"path": self.path, "answer": int(answer.split("-")[0]), "payload": payload, "problem": problem, "size": len(body),
                  "received_at": time.time()}
        name = os.path.join(FOLDER, f"{number:06d}")
        with open(name + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(name + ".tmp", name + ".json")
        if answer == "413" and len(body) < 600:
            answer = "201"  # a short payload fits
        self.send_response(int(answer.split("-")[0]))
        if answer == "429":
            self.send_header("Retry-After", "1")
        if answer == "429-date":
            self.send_header("Retry-After", email.utils.formatdate(time.time() + 4, usegmt=True))
        self.send_header("Content-Length", "0")
        self.end_headers()


def main():
    subscription = {"endpoint": f"http://127.0.0.1:{PORT}/push/device-1", "expirationTime": None,
                    "keys": {"p256dh": b64(PUBLIC), "auth": b64(AUTH)}}
    with open(os.path.join(FOLDER, "subscription.json"), "w") as f:
        json.dump(subscription, f)
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    print(f"listening {PORT}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
