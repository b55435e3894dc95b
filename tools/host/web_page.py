"""The reference host's web page: a student picker, a sign-in picker and the ssrlink fragment.

It stands in for an SIS's Test Scores page. The host owns the page chrome, its own student list
and its own sign-ins, all read from the host tables with Python's sqlite3; ssrlink owns everything
inside the fragment. Who is signed in is chosen among the people the database knows, exactly as
an SIS would know them:
  - a parent: a parent-portal account (CON.PU), sent as viewer.user_id only; ssrlink finds the
    contacts it signs in as through ssrlink_portal_link, so a family account works for every
    child it is linked to, and a relative without educational rights or a parent of another
    child is refused;
  - a student: a student portal account (STU.PU), sent with that student's own ID;
  - a teacher or school office: the school codes they work at (SCL.SC);
  - district office staff and the district administrator: district-wide.
A sign-in the database does not hold is refused by the host before ssrlink is asked. Served on
127.0.0.1 only, one thread per request, all sharing one plugin handle.
"""

import html
import http.server
import sqlite3
import urllib.parse
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

GRADES = {-1: "TK", 0: "K"}


@dataclass
class SignIn:
    """One person the host can sign in as: the option's label and the viewer ssrlink is sent."""

    key: str  # the value of ?as=
    label: str
    viewer: dict
    students: list = field(default_factory=list)  # parents: the children the account links to


@dataclass
class District:
    students: list  # (ID, FN, LN, GR, SC) of students not deleted
    groups: list  # (group label, [SignIn]) in the order the picker shows them

    def sign_in(self, key):
        return next((s for _, group in self.groups for s in group if s.key == key), None)


def read_district(database):
    """The host's own view of its students, schools and portal accounts (not ssrlink's business)."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        students = db.execute(
            "SELECT ID, FN, LN, GR, SC, PU FROM STU WHERE COALESCE(DEL, '') <> 'Y' "
            "ORDER BY SC, LN, FN").fetchall()
        schools = db.execute("SELECT SC, NM FROM SCL ORDER BY SC").fetchall()
        # Every contact row holding an account, deleted ones included: the account of a former
        # guardian still exists in the portal and ssrlink must refuse it.
        accounts = db.execute(
            "SELECT c.PU, c.PID, c.SQ, c.FN, c.LN, c.ED, COALESCE(c.DEL, ''), s.FN, s.LN "
            "FROM CON c LEFT JOIN STU s ON s.ID = c.PID AND COALESCE(s.DEL, '') <> 'Y' "
            "WHERE COALESCE(c.PU, '') <> '' ORDER BY c.PU, c.PID, c.SQ").fetchall()

    district = [SignIn("admin", "District administrator (district-admin)",
                       {"role": "admin", "user_id": "district-admin"}),
                SignIn("staff", "District office staff (district-office)",
                       {"role": "staff", "user_id": "district-office"})]
    offices = [SignIn(f"staff:{sc}", f"{name} office (office-{sc}, school {sc})",
                      {"role": "staff", "user_id": f"office-{sc}", "school_codes": [str(sc)]})
               for sc, name in schools]
    teachers = [SignIn(f"teacher:{sc}", f"{name} teacher (teacher-{sc}, school {sc})",
                       {"role": "teacher", "user_id": f"teacher-{sc}", "school_codes": [str(sc)]})
                for sc, name in schools]

    parents = {}
    for account, pid, sq, fn, ln, rights, deleted, child_fn, child_ln in accounts:
        child = f"{child_fn} {child_ln} ({pid})" if child_fn else f"student {pid}"
        notes = [n for n, on in (("no educational rights", rights != "Y"),
                                 ("contact deleted", deleted == "Y")) if on]
        link = f"{fn} {ln} of {child}" + (f", {', '.join(notes)}" if notes else "")
        entry = parents.setdefault(account, SignIn(f"parent:{account}", "",
                                                   {"role": "parent", "user_id": account}))
        entry.students.append(pid)
        entry.label += ("; " if entry.label else f"{account}: ") + link
    student_accounts = [
        SignIn(f"student:{pu}", f"{pu}: {fn} {ln} ({sid})",
               {"role": "student", "user_id": pu, "student_id": sid})
        for sid, fn, ln, _gr, _sc, pu in sorted(students, key=lambda s: s[5]) if pu]
    return District(
        [s[:5] for s in students],
        [("District", district), ("School offices", offices), ("Teachers", teachers),
         ("Parent portal accounts", list(parents.values())),
         ("Student portal accounts", student_accounts)])


def options(items, selected):
    return "".join(
        f'<option value="{html.escape(str(value))}"{" selected" if str(value) == str(selected) else ""}>'
        f"{html.escape(label)}</option>"
        for value, label in items
    )


def sign_in_options(district, selected):
    """The sign-in picker; a parent option lists its children in data-students (for tests)."""
    groups = []
    for label, people in district.groups:
        items = "".join(
            f'<option value="{html.escape(p.key)}"'
            + (f' data-students="{" ".join(str(s) for s in p.students)}"' if p.students else "")
            + f'{" selected" if p.key == selected else ""}>{html.escape(p.label)}</option>'
            for p in people)
        groups.append(f'<optgroup label="{html.escape(label)}">{items}</optgroup>')
    return "".join(groups)


class Page:
    def __init__(self, plugin, database, stylesheet):
        self.plugin = plugin
        self.database = database
        self.stylesheet = Path(stylesheet).read_text(encoding="utf-8") if stylesheet else ""

    def render(self, query):
        district = read_district(self.database)
        ids = [s[0] for s in district.students]
        student_id = int(query.get("student", [ids[0] if ids else 0])[0])
        key = query.get("as", ["admin"])[0]
        language = query.get("lang", ["en"])[0]
        page = query.get("page", ["test_scores"])[0]
        person = district.sign_in(key)
        base = {"student": student_id, "as": key, "lang": language, "page": page}
        if person is None:
            # The host signs in only people it knows: nobody can claim a portal account.
            status, result = "host refused", {"outcome": None}
            fragment = ('<p class="ssrlink-error" role="alert">There is no such sign-in in this '
                        'district. Pick one from the list.</p>')
            signed_in = "nobody"
        else:
            viewer = {**person.viewer, "permitted": True}
            request = {"student_id": student_id, "page": page, "ui_language": language,
                       "refresh": query.get("refresh", ["0"])[0] == "1", "viewer": viewer,
                       "refresh_url": "?" + urllib.parse.urlencode({**base, "refresh": 1})}
            status, result = self.plugin.call("reports", request)
            fragment = result.get("html") or (
                f'<p class="ssrlink-error" role="alert">'
                f'{html.escape(result.get("error", status))}</p>')
            signed_in = f'{viewer["role"]} "{viewer["user_id"]}"'

        student_items = [(s[0], f"{s[2]}, {s[1]} (grade {GRADES.get(s[3], s[3])}, school {s[4]})")
                         for s in district.students]
        pages = [("test_scores", "Test Scores"),
                 ("language_assessment", "Language Assessment (ELPAC)")]
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
form.host-picker label {{ display: flex; flex-direction: column; font-size: .9rem;
  min-width: 0; max-width: 100%; }}
form.host-picker select, form.host-picker button {{ font-size: 1rem; padding: .35rem;
  max-width: 100%; }}
footer {{ margin-top: 2rem; color: #555; font-size: .85rem; }}
{self.stylesheet}
</style>
</head>
<body>
<header><h1>State Test Scores Reports</h1>
<p>The reference host of ssrlink: pick a student and who you are signed in as to see what that
person sees. Parents and students sign in with the portal accounts of the demo district.</p>
</header>
<main>
<form class="host-picker" method="get" action="/">
<label for="student">Student<select id="student" name="student">{options(student_items, student_id)}</select></label>
<label for="as">Signed in as<select id="as" name="as">{sign_in_options(district, key)}</select></label>
<label for="page">Page<select id="page" name="page">{options(pages, page)}</select></label>
<label for="lang">Language<select id="lang" name="lang">{options([("en", "English"), ("es", "Español")], language)}</select></label>
<button type="submit">Show</button>
</form>
{fragment}
</main>
<footer><p>Signed in as {html.escape(signed_in)}; ssrlink status {html.escape(status)},
outcome {html.escape(str(result.get("outcome")))}, {result.get("_elapsed_ms")} ms.</p></footer>
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
