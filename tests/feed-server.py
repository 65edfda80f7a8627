#!/usr/bin/env python3
"""feed-server.py DIR — a loopback HTTP server for the feed tests.

Serves the files of DIR on 127.0.0.1 (an ephemeral port, printed as the
first line of stdout) with ETag and Last-Modified, answering
If-None-Match / If-Modified-Since with 304. Faults per path come from
DIR/.faults.json, read at every request, e.g.
  {"/a/all.zip": {"fail": 2},          500 for the first 2 requests
   "/b/all.zip": {"fail": 99},         500 forever
   "/c/all.zip": {"truncate": 1000},   Content-Length says more than is sent
   "/d/modified_id.csv": {"status": 404},
   "/e/all.zip": {"delay": 5}}         wait before answering
GET /__stats answers {"path": requests seen} as JSON.

It also plays the OSV API over the records in DIR/osv/*.json:
POST /v1/querybatch answers every query with the ids (and modified) of the
records naming its package (versions are left to plugvet), a page at a
time when .faults.json sets {"/v1/querybatch": {"page": N}}; GET
/v1/vulns/ID answers the record.
"""
import email.utils
import hashlib
import http.server
import json
import os
import sys
import threading
import time

ROOT = os.path.abspath(sys.argv[1])
SEEN = {}
LOCK = threading.Lock()


def faults(path):
    try:
        with open(os.path.join(ROOT, ".faults.json")) as f:
            return json.load(f).get(path, {})
    except (OSError, ValueError):
        return {}


def records():
    for name in sorted(os.listdir(os.path.join(ROOT, "osv"))) if os.path.isdir(os.path.join(ROOT, "osv")) else []:
        with open(os.path.join(ROOT, "osv", name)) as f:
            yield json.load(f)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        path = self.path.split("?")[0]
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if path != "/v1/querybatch":
            return self.do_GET()
        with LOCK:
            SEEN[path] = n = SEEN.get(path, 0) + 1
        f = faults(path)
        if n <= f.get("fail", 0) or "status" in f:
            return self.reply(f.get("status", 500), b"no")
        page = f.get("page", 1000)
        by_name = {}
        for rec in records():
            for a in rec.get("affected", []):
                name = a.get("package", {}).get("name")
                by_name.setdefault(name, []).append({"id": rec["id"], "modified": rec["modified"]})
        results = []
        for q in json.loads(body)["queries"]:
            vulns = sorted(by_name.get(q["package"]["name"], []), key=lambda v: v["id"])
            start = int(q.get("page_token", 0))
            r = {"vulns": vulns[start:start + page]} if vulns[start:start + page] else {}
            if start + page < len(vulns):
                r["next_page_token"] = str(start + page)
            results.append(r)
        self.reply(200, json.dumps({"results": results}).encode())

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/__stats":
            with LOCK:
                return self.reply(200, json.dumps(SEEN).encode())
        with LOCK:
            SEEN[path] = n = SEEN.get(path, 0) + 1
        f = faults(path)
        time.sleep(f.get("delay", 0))
        if n <= f.get("fail", 0):
            return self.reply(500, b"try again")
        if "status" in f:
            return self.reply(f["status"], b"no")
        if path.startswith("/v1/vulns/"):
            path = "/osv/" + path[len("/v1/vulns/"):] + ".json"
        full = os.path.realpath(os.path.join(ROOT, path.lstrip("/")))
        if not full.startswith(ROOT + os.sep) or not os.path.isfile(full):
            return self.reply(404, b"not found")
        with open(full, "rb") as fh:
            body = fh.read()
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        mtime = int(os.path.getmtime(full))
        lastmod = email.utils.formatdate(mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            return self.reply(304, b"", [("ETag", etag)])
        ims = self.headers.get("If-Modified-Since")
        if ims and not self.headers.get("If-None-Match"):
            t = email.utils.parsedate_to_datetime(ims).timestamp()
            if mtime <= t:
                return self.reply(304, b"", [("Last-Modified", lastmod)])
        if "truncate" in f:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: f["truncate"]])
            self.wfile.flush()
            self.close_connection = True
            return
        self.reply(200, body, [("ETag", etag), ("Last-Modified", lastmod)])


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
