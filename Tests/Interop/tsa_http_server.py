#!/usr/bin/env python3
"""A throwaway RFC 3161 TSA over HTTP for the client tests: `openssl ts -reply` behind http.server.

Usage: tsa_http_server.py OPENSSL_TS_CONFIG
Prints the chosen loopback port on its first line, then serves until killed:
  POST /tsr        -> application/timestamp-reply made by `openssl ts -reply -config CONFIG`
  POST /error      -> HTTP 500
  POST /wrong-type -> 200 with text/plain
"""
import http.server
import subprocess
import sys
import tempfile
import os
import signal

CONFIG = sys.argv[1]
# The test runner may have SIGTERM ignored; a server it starts must still stop on it.
signal.signal(signal.SIGTERM, signal.SIG_DFL)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        query = self.rfile.read(length)
        if self.path == "/error":
            self.send_response(500)
            self.end_headers()
            return
        if self.path == "/wrong-type":
            body = b"not a reply"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        with tempfile.TemporaryDirectory() as folder:
            request = os.path.join(folder, "q.tsq")
            reply = os.path.join(folder, "r.tsr")
            with open(request, "wb") as handle:
                handle.write(query)
            done = subprocess.run(
                ["openssl", "ts", "-reply", "-config", CONFIG, "-queryfile", request, "-out", reply],
                capture_output=True,
            )
            if done.returncode != 0:
                self.send_response(500)
                self.end_headers()
                return
            with open(reply, "rb") as handle:
                body = handle.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
