"""The reference host's web pages, served on 127.0.0.1 only, one thread per request, all sharing
one plugin handle.

  /                         Test Scores: a student picker, a sign-in picker and the ssrlink
                            fragment; it stands in for an SIS's Test Scores page
  /family                   "All my students", for a parent sign-in (family_page.py)
  /staff/credentials        "3rd Party System Connections" (staff_pages.py), POST to save or test
  /staff/manager            the Notification Manager; its "Send notice" posts to /staff/notify
  /staff/processing         "Configure processing": the settings (POST saves them) and Run now
  /staff/processing/run     POST starts a sweep; GET shows its progress, then its summary

The host owns the page chrome, its own student list and its own sign-ins (host_district.py);
ssrlink owns everything inside a fragment. Words of the host are in English or Spanish
(host_text.py, ?lang=), and the language goes on to the plugin. The Content-Security-Policy
allows no script at all: the pages are forms and links, the progress page refreshes itself with
<meta http-equiv="refresh">.
"""

import html
import http.server
import urllib.parse
from pathlib import Path

from family_page import family
from host_district import GRADES, read_district, sign_in_options
from host_layout import CSP, FormToken, Flashes, Response, options, page, sign_in_picker, \
    visit_of
from staff_pages import StaffPages
from sweep_runner import SweepRunner

MAX_FORM_BYTES = 64 * 1024


class Site:
    """Every route: GET ones take the query, POST ones the form; each answers a Response."""

    def __init__(self, plugin, database, stylesheet, runner):
        self.plugin = plugin
        self.database = database
        self.stylesheet = Path(stylesheet).read_text(encoding="utf-8") if stylesheet else ""
        self.staff = StaffPages(plugin, database, self.shell, Flashes(), FormToken(), runner)

    def shell(self, visit, title, content, *, intro="", footer="", refresh_seconds=None):
        """A page of any route but Test Scores: the sign-in picker comes back to the route."""
        picker = sign_in_picker(visit, sign_in_options(visit.district, visit.key))
        return page(visit, title, content, picker=picker, stylesheet=self.stylesheet,
                    footer=footer, refresh_seconds=refresh_seconds, intro=intro)

    def get(self, path, query):
        visit = visit_of(read_district(self.database), query, path)
        routes = {
            "/": lambda: self.test_scores(visit, query),
            "/family": lambda: family(self.plugin, self.shell, visit, query),
            "/staff/credentials": lambda: self.staff.credentials(visit, query),
            "/staff/manager": lambda: self.staff.manager(visit, query),
            "/staff/processing": lambda: self.staff.processing(visit, query),
            "/staff/processing/run": lambda: self.staff.progress(visit, query),
        }
        route = routes.get(path)
        return route() if route else None

    def post(self, path, form):
        visit = visit_of(read_district(self.database), form, path)
        routes = {
            "/staff/credentials": self.staff.credentials_post,
            "/staff/notify": self.staff.notify_post,
            "/staff/processing": self.staff.processing_post,
            "/staff/processing/run": self.staff.run_post,
        }
        route = routes.get(path)
        return route(visit, form) if route else None

    def test_scores(self, visit, query):
        district = visit.district
        t = visit.t
        ids = [s[0] for s in district.students]
        student_id = int(query.get("student", [ids[0] if ids else 0])[0])
        page_name = query.get("page", ["test_scores"])[0]
        base = {"student": student_id, "as": visit.key, "lang": visit.language,
                "page": page_name}
        person = visit.person
        if person is None:
            # The host signs in only people it knows: nobody can claim a portal account.
            status, result = "host refused", {"outcome": None}
            fragment = (f'<p class="ssrlink-error" role="alert">'
                        f'{html.escape(t("no_such_sign_in"))}</p>')
            signed_in = "nobody"
        else:
            viewer = {**person.viewer, "permitted": True}
            request = {"student_id": student_id, "page": page_name,
                       "ui_language": visit.language,
                       "refresh": query.get("refresh", ["0"])[0] == "1", "viewer": viewer,
                       "refresh_url": "?" + urllib.parse.urlencode({**base, "refresh": 1})}
            status, result = self.plugin.call("reports", request)
            fragment = result.get("html") or (
                f'<p class="ssrlink-error" role="alert">'
                f'{html.escape(result.get("error", status))}</p>')
            signed_in = f'{viewer["role"]} "{viewer["user_id"]}"'

        student_items = [
            (s[0], f"{s[2]}, {s[1]} ({t('grade', grade=GRADES.get(s[3], s[3]), school=s[4])})")
            for s in district.students]
        pages = [("test_scores", t("page_test_scores")),
                 ("language_assessment", t("page_language_assessment"))]
        student_field = (f'<label for="student">{html.escape(t("student"))}<select id="student" '
                         f'name="student">{options(student_items, student_id)}</select></label>')
        page_field = (f'<label for="page">{html.escape(t("page"))}<select id="page" '
                      f'name="page">{options(pages, page_name)}</select></label>')
        picker = sign_in_picker(visit, sign_in_options(district, visit.key),
                                extra_fields=student_field + "\n")
        # The page picker sits after the sign-in, as before: one form, one Show button.
        picker = picker.replace('<label for="lang">', page_field + '\n<label for="lang">', 1)
        footer = (f"<p>Signed in as {html.escape(signed_in)}; ssrlink status "
                  f"{html.escape(status)}, outcome {html.escape(str(result.get('outcome')))}, "
                  f"{result.get('_elapsed_ms')} ms.</p>")
        return Response(200, page(visit, t("ts_title"), fragment, picker=picker,
                                  stylesheet=self.stylesheet, footer=footer,
                                  intro=t("ts_intro")))


def serve(plugin, database, stylesheet, port, ready_file=None, runner=None):
    site = Site(plugin, database, stylesheet, runner or SweepRunner())

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/health":
                self._send(Response(200, "ok"), "text/plain")
                return
            self._answer(lambda: site.get(url.path, urllib.parse.parse_qs(url.query)))

        def do_POST(self):
            url = urllib.parse.urlsplit(self.path)
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0 or length > MAX_FORM_BYTES:
                self._send(Response(413, "a form of 0 to 64 KiB, please"), "text/plain")
                return
            body = self.rfile.read(length).decode("utf-8", "replace")
            form = urllib.parse.parse_qs(body, keep_blank_values=True)
            self._answer(lambda: site.post(url.path, form))

        def _answer(self, route):
            try:
                response = route()
            except Exception as error:  # the demo page reports, never dies
                self._send(Response(500, f"host error: {error}"), "text/plain; charset=utf-8")
                return
            if response is None:
                self._send(Response(404, "not found"), "text/plain")
            else:
                self._send(response, "text/html; charset=utf-8")

        def _send(self, response, content_type):
            data = response.body.encode("utf-8")
            self.send_response(response.code)
            if response.location:
                self.send_header("Location", response.location)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Content-Security-Policy", CSP)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Referrer-Policy", "no-referrer")
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
