"""What every page of the reference host shares: who is visiting, the page around the content
(navigation, the sign-in picker, the style), one-time status messages and the form token.

A visit is named in the address (?as= the sign-in, ?lang= the language), as the demo has no
passwords; every page and every form carries both on. Every value from the database, the plugin
or the address is escaped here or by the caller before it reaches the HTML; the only HTML taken
as it is comes from ssrlink's fragments, which the plugin escapes itself.
"""

import hmac
import html
import secrets
import threading
import urllib.parse
from collections import OrderedDict
from dataclasses import dataclass

from host_district import is_parent, is_staff
from host_text import LANGUAGES, host_language, words

CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"


@dataclass
class Response:
    """What a route answers: a page (code, HTML) or a redirect (303 to location)."""

    code: int
    body: str = ""
    location: str = ""


def redirect(location):
    return Response(303, location=location)


@dataclass
class Visit:
    """Who is looking, in which language: read from ?as= and ?lang= (or the form's fields)."""

    district: object  # host_district.District
    key: str  # ?as=
    person: object  # host_district.SignIn, or None for a sign-in the district does not hold
    language: str  # sent to the plugin as it is
    path: str  # the route, for the sign-in picker's action

    @property
    def t(self):
        return words(self.language)

    @property
    def host_lang(self):
        return host_language(self.language)

    def link(self, path, **extra):
        """An address of this host keeping the sign-in and the language."""
        query = {"as": self.key, "lang": self.language, **extra}
        return path + "?" + urllib.parse.urlencode(query)


def visit_of(district, query, path):
    key = query.get("as", ["admin"])[0]
    language = query.get("lang", ["en"])[0]
    return Visit(district, key, district.sign_in(key), language, path)


class FormToken:
    """A per-process random token every form carries and every POST must return (CSRF): a page
    of another site cannot read it, so it cannot make a signed-in browser post here."""

    def __init__(self):
        self.value = secrets.token_urlsafe(32)

    def field(self):
        return f'<input type="hidden" name="csrf" value="{html.escape(self.value)}">'

    def valid(self, form):
        given = form.get("csrf", [""])[0]
        return hmac.compare_digest(given.encode(), self.value.encode())


class Flashes:
    """One-time status messages across a POST/redirect/GET: the redirect names the message by a
    random id (?flash=), so no text of a message travels in the address. The last 500 kept."""

    def __init__(self):
        self._lock = threading.Lock()
        self._messages = OrderedDict()

    def put(self, ok, text):
        ident = secrets.token_urlsafe(12)
        with self._lock:
            self._messages[ident] = (ok, text)
            while len(self._messages) > 500:
                self._messages.popitem(last=False)
        return ident

    def take(self, query):
        ident = query.get("flash", [""])[0]
        with self._lock:
            return self._messages.pop(ident, None)


def flash_html(flash):
    """A status message: role=status when it reports success, role=alert when it does not."""
    if not flash:
        return ""
    ok, text = flash
    kind = "host-ok" if ok else "host-error"
    role = "status" if ok else "alert"
    return f'<p class="{kind}" role="{role}">{html.escape(text)}</p>'


def refusal(text):
    return f'<p class="host-error" role="alert">{html.escape(text)}</p>'


STYLE = """
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem;
  overflow-wrap: anywhere; }
nav.host-nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0;
  padding: 0 0 .75rem; }
nav.host-nav a { color: #0645ad; }
nav.host-nav a[aria-current="page"] { font-weight: bold; color: #000; text-decoration: none; }
form.host-picker { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end;
  padding: .75rem; background: #f3f3f3; border-radius: .5rem; }
form.host-picker label { display: flex; flex-direction: column; font-size: .9rem;
  min-width: 0; max-width: 100%; }
form.host-picker select, form.host-picker button { font-size: 1rem; padding: .35rem;
  max-width: 100%; }
form.host-form { display: grid; gap: .75rem; max-width: 40rem; }
form.host-form fieldset { display: grid; gap: .6rem; border: 1px solid #bbb; border-radius: .4rem;
  min-width: 0; }
form.host-form label { display: flex; flex-direction: column; gap: .2rem; }
form.host-form label.host-check { flex-direction: row; align-items: center; gap: .4rem; }
form.host-form input[type=text], form.host-form input[type=password], form.host-form select,
form.host-form textarea { font-size: 1rem; padding: .35rem; max-width: 100%;
  box-sizing: border-box; }
form.host-form textarea { min-height: 5rem; width: 100%; }
.host-days { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.host-buttons { display: flex; flex-wrap: wrap; gap: .75rem; }
.host-buttons button { font-size: 1rem; padding: .4rem .9rem; }
.host-hint { font-size: .85rem; color: #444; }
.host-ok { background: #e7f4e4; border-left: .3rem solid #1a7f37; padding: .5rem .75rem; }
.host-error { background: #fdecea; border-left: .3rem solid #b3261e; color: #8c1d18;
  padding: .5rem .75rem; }
dl.host-scope { display: grid; grid-template-columns: minmax(0, 1fr); gap: .1rem .75rem;
  border: 1px solid #ccc; border-radius: .4rem; padding: .6rem; }
dl.host-scope dt { font-weight: bold; }
dl.host-scope dd { margin: 0 0 .4rem; }
@media (min-width: 40rem) {
  dl.host-scope { grid-template-columns: minmax(0, 20rem) minmax(0, 1fr); }
  dl.host-scope dd { margin: 0; }
}
progress { width: 100%; height: 1.5rem; }
footer { margin-top: 2rem; color: #555; font-size: .85rem; }
"""


def navigation(visit, active):
    """The pages this sign-in may use: staff get the staff pages, a parent the family page."""
    t = visit.t
    items = [("/", "nav_test_scores")]
    if is_staff(visit.person):
        items += [("/staff/credentials", "nav_credentials"), ("/staff/manager", "nav_manager"),
                  ("/staff/processing", "nav_processing")]
    if is_parent(visit.person):
        items.append(("/family", "nav_family"))
    links = "".join(
        f'<li><a href="{html.escape(visit.link(path))}"'
        + (' aria-current="page"' if path == active else "")
        + f">{html.escape(t(label))}</a></li>" for path, label in items)
    return f'<nav class="host-nav" aria-label="{html.escape(t("nav_label"))}"><ul>{links}</ul></nav>'


def options(items, selected):
    return "".join(
        f'<option value="{html.escape(str(value))}"'
        f'{" selected" if str(value) == str(selected) else ""}>{html.escape(label)}</option>'
        for value, label in items)


def sign_in_picker(visit, sign_in_options_html, extra_fields=""):
    """The sign-in and language picker, sent back to the same page (a GET form)."""
    t = visit.t
    return f"""<form class="host-picker" method="get" action="{html.escape(visit.path)}">
{extra_fields}<label for="as">{html.escape(t("signed_in_as"))}<select id="as" name="as">{sign_in_options_html}</select></label>
<label for="lang">{html.escape(t("language"))}<select id="lang" name="lang">{options(LANGUAGES, visit.language)}</select></label>
<button type="submit">{html.escape(t("show"))}</button>
</form>"""


def page(visit, title, content, *, picker, stylesheet, footer="", refresh_seconds=None,
         intro=""):
    """The whole document: head (title, viewport, style, an optional self-refresh), the
    navigation, the picker, the content and a footer."""
    t = visit.t
    refresh = (f'<meta http-equiv="refresh" content="{int(refresh_seconds)}">'
               if refresh_seconds else "")
    intro_html = f"<p>{html.escape(intro)}</p>" if intro else ""
    return f"""<!doctype html>
<html lang="{html.escape(visit.host_lang if visit.path != "/" else visit.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{refresh}<title>{html.escape(title)} — {html.escape(t("site"))}</title>
<style>
{STYLE}
{stylesheet}
</style>
</head>
<body>
<header>{navigation(visit, visit.path)}<h1>{html.escape(title)}</h1>
{intro_html}
</header>
<main>
{picker}
{content}
</main>
<footer>{footer}</footer>
</body>
</html>"""
