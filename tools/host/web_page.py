"""The reference host's web page: a student picker, a role switcher and the ssrlink fragment.

It stands in for an SIS's Test Scores page. The host owns the page chrome and its own student
list (read from the host tables with Python's sqlite3); ssrlink owns everything inside the
fragment. Served on 127.0.0.1 only, one thread per request, all sharing one plugin handle.
"""

import html
import http.server
import json
import sqlite3
import threading
import urllib.parse
from pathlib import Path

ROLES = ("admin", "staff", "teacher", "parent", "student")
GRADES = {-1: "TK", 0: "K"}


def read_district(database):
    """The host's own view of its students and contacts (not ssrlink's business)."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        students = db.execute(
            "SELECT ID, FN, LN, GR, SC FROM STU WHERE COALESCE(DEL, '') <> 'Y' ORDER BY SC, LN, FN"
        ).fetchall()
        contacts = db.execute(
            "SELECT PID, SQ, FN, LN FROM CON WHERE COALESCE(DEL, '') <> 'Y' ORDER BY PID, SQ"
        ).fetchall()
    by_student = {}
    for pid, sq, fn, ln in contacts:
        by_student.setdefault(pid, []).append((sq, f"{fn} {ln}"))
    return students, by_student


def options(items, selected):
    return "".join(
        f'<option value="{html.escape(str(value))}"{" selected" if str(value) == str(selected) else ""}>'
        f"{html.escape(label)}</option>"
        for value, label in items
    )


class Page:
    def __init__(self, plugin, database, stylesheet):
        self.plugin = plugin
        self.database = database
        self.stylesheet = Path(stylesheet).read_text(encoding="utf-8") if stylesheet else ""

    def render(self, query):
        students, contacts = read_district(self.database)
        ids = [s[0] for s in students]
        student_id = int(query.get("student", [ids[0] if ids else 0])[0])
        role = query.get("role", ["admin"])[0]
        role = role if role in ROLES else "admin"
        language = query.get("lang", ["en"])[0]
        page = query.get("page", ["test_scores"])[0]
        linked = contacts.get(student_id, [])
        contact = int(query.get("contact", [linked[0][0] if linked else 1])[0])
        viewer = {"role": role, "user_id": f"demo-{role}", "permitted": True}
        if role == "parent":
            viewer["contact_sequence"] = contact
        if role == "student":
            viewer["student_id"] = student_id
        base = {"student": student_id, "role": role, "contact": contact, "lang": language,
                "page": page}
        request = {"student_id": student_id, "page": page, "ui_language": language,
                   "refresh": query.get("refresh", ["0"])[0] == "1", "viewer": viewer,
                   "refresh_url": "?" + urllib.parse.urlencode({**base, "refresh": 1})}
        status, result = self.plugin.call("reports", request)
        fragment = result.get("html") or (
            f'<p class="ssrlink-error" role="alert">{html.escape(result.get("error", status))}</p>')

        student_items = [(s[0], f"{s[2]}, {s[1]} (grade {GRADES.get(s[3], s[3])}, school {s[4]})")
                         for s in students]
        contact_items = [(sq, f"{name} (contact {sq})") for sq, name in linked] or [(1, "none")]
        return f"""<!doctype html>
<html lang="{html.escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>State Test Scores Reports — ssrlink demo host</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; }}
form.host-picker {{ display: flex; flex-wrap: wrap; gap: .75rem; align-items: end;
  padding: .75rem; background: #f3f3f3; border-radius: .5rem; }}
form.host-picker label {{ display: flex; flex-direction: column; font-size: .9rem; }}
form.host-picker select, form.host-picker button {{ font-size: 1rem; padding: .35rem; }}
footer {{ margin-top: 2rem; color: #555; font-size: .85rem; }}
{self.stylesheet}
</style>
</head>
<body>
<header><h1>State Test Scores Reports</h1>
<p>The reference host of ssrlink: pick a student and a role to see what that person sees.</p>
</header>
<main>
<form class="host-picker" method="get" action="/">
<label for="student">Student<select id="student" name="student">{options(student_items, student_id)}</select></label>
<label for="role">Signed in as<select id="role" name="role">{options([(r, r) for r in ROLES], role)}</select></label>
<label for="contact">Parent contact<select id="contact" name="contact">{options(contact_items, contact)}</select></label>
<label for="page">Page<select id="page" name="page">{options([("test_scores", "Test Scores"), ("language_assessment", "Language Assessment (ELPAC)")], page)}</select></label>
<label for="lang">Language<select id="lang" name="lang">{options([("en", "English"), ("es", "Español")], language)}</select></label>
<button type="submit">Show</button>
</form>
{fragment}
</main>
<footer><p>ssrlink status {html.escape(status)}, outcome {html.escape(str(result.get("outcome")))},
{result.get("_elapsed_ms")} ms.</p></footer>
</body>
</html>"""


def serve(plugin, database, stylesheet, port, ready_file=None):
    page = Page(plugin, database, stylesheet)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/health":
                self._send(200, "text/plain", "ok")
            elif url.path == "/":
                try:
                    body = page.render(urllib.parse.parse_qs(url.query))
                    self._send(200, "text/html; charset=utf-8", body)
                except Exception as error:  # the demo page reports, never dies
                    self._send(500, "text/plain; charset=utf-8", f"host error: {error}")
            else:
                self._send(404, "text/plain", "not found")

        def _send(self, code, content_type, body):
            data = body.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"reference host listening on {address}", flush=True)
    if ready_file:
        Path(ready_file).write_text(str(server.server_address[1]))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
