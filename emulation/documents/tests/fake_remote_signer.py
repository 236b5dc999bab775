"""A small stand-in for a remote-signing provider, started by the tests on a free local port: it keeps
each account's key, accepts a hash to sign, and signs it only once the "phone" confirms (the test calls
`confirm`, or `auto_confirm` confirms at the first poll)."""
import base64
import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, utils

HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


class FakeProvider:
    def __init__(self, root, accounts, *, answer="confirm"):
        """`accounts`: {account: KeyPair}; `answer`: what the phone does at the first poll (confirm, refuse,
        or wait for ever)."""
        self.root, self.accounts, self.answer = root, accounts, answer
        self.requests, self.ids, self.polls = {}, itertools.count(1), 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                parts = self.path.strip("/").split("/")
                if parts[0] == "accounts" and parts[1] in provider.accounts:
                    holder = provider.accounts[parts[1]]
                    return self._send(200, {"certificate": base64.b64encode(holder.certificate_der).decode(),
                                            "chain": [base64.b64encode(provider.root.certificate_der).decode()]})
                if parts[0] == "requests" and parts[1] in provider.requests:
                    return self._send(200, provider.poll(parts[1]))
                return self._send(404, {"error": "not found"})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                request_id = str(next(provider.ids))
                provider.requests[request_id] = {**body, "status": "pending"}
                return self._send(201, {"id": request_id})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def poll(self, request_id):
        self.polls += 1
        request = self.requests[request_id]
        if request["status"] == "pending" and self.answer == "confirm":
            holder = self.accounts[request["account"]]
            digest = base64.b64decode(request["digest"])
            algorithm = HASHES[request["algorithm"]]()
            signature = holder.key.sign(digest, padding.PKCS1v15(), utils.Prehashed(algorithm))
            request.update(status="signed", signature=base64.b64encode(signature).decode())
        elif request["status"] == "pending" and self.answer == "refuse":
            request["status"] = "refused"
        return {k: v for k, v in request.items() if k in ("status", "signature")}

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
