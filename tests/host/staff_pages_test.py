#!/usr/bin/env python3
"""host.staff_pages: the reference host's staff pages (tools/host/staff_pages.py, sweep_runner.py)
against a recording stand-in for the plugin, for what the browser test cannot see with the real
library: a sweep still running (the demo's takes a tenth of a second), the calls the pages make
and the order they make them in, and the host's own gates (sign-in, form token).

The stand-in answers each capability from a table and records every request; its sweep waits
for the test to release it and reports progress through the runner's callback, as the library
does on the sweeping thread. The demo district's host tables come from sql/sqlite (the host reads
STU, CON and SCL itself), so the sign-ins are the demo's.

usage: staff_pages_test.py <source dir>
"""

import sqlite3
import sys
import tempfile
import threading
import unittest
import urllib.parse
from pathlib import Path

sys.dont_write_bytecode = True  # nothing written into the source tree
SOURCE = Path(sys.argv.pop(1) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2])
sys.path.insert(0, str(SOURCE / "tools" / "host"))

from host_district import read_district  # noqa: E402
from host_layout import Flashes, FormToken, visit_of  # noqa: E402
from staff_pages import StaffPages  # noqa: E402
from sweep_runner import SweepRunner  # noqa: E402

SECRET = "TypedSecret-4242-abcdef"


class FakePlugin:
    """Records (capability, request); answers from `answers` (capability → (status, result))."""

    def __init__(self, runner):
        self.calls = []
        self.answers = {}
        self.runner = runner
        self.release = threading.Event()
        self.sweeping = threading.Event()

    def call(self, capability, request):
        self.calls.append((capability, request))
        if capability == "sweep":
            self.sweeping.set()
            self.runner.on_progress({"students_checked": 7, "batches": 1})
            self.release.wait(10)
            return "SSRLINK_OK", {"students_checked": 12, "new_reports": 3, "notices_queued": 4,
                                  "no_email": 1, "no_ssid": 2, "duplicate_students": 0,
                                  "duplicate_contacts": 0, "errors": {"timeout": 1}}
        return self.answers.get(capability, ("SSRLINK_OK", {}))


def shell(_visit, title, content, intro="", footer="", refresh_seconds=None):
    refresh = f'<meta http-equiv="refresh" content="{refresh_seconds}">' if refresh_seconds else ""
    return f"{refresh}<h1>{title}</h1>{content}"


class StaffPagesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.database = str(Path(cls.tmp.name) / "district.db")
        sql = "".join((SOURCE / "sql" / "sqlite" / name).read_text(encoding="utf-8")
                      for name in ("reference-host.sql", "install.sql", "demo-data.sql"))
        with sqlite3.connect(cls.database) as db:
            db.executescript(sql)
        cls.district = read_district(cls.database)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def setUp(self):
        self.runner = SweepRunner()
        self.plugin = FakePlugin(self.runner)
        self.token = FormToken()
        self.flashes = Flashes()
        self.pages = StaffPages(self.plugin, self.database, shell, self.flashes, self.token,
                                self.runner)

    def tearDown(self):
        self.plugin.release.set()

    def visit(self, who="admin", path="/staff/processing", lang="en"):
        return visit_of(self.district, {"as": [who], "lang": [lang]}, path)

    def form(self, **fields):
        fields.setdefault("csrf", self.token.value)
        return {name: value if isinstance(value, list) else [value]
                for name, value in fields.items()}

    def follow(self, response):
        """The flash a redirect names, as the GET page after it would show it."""
        self.assertEqual(response.code, 303)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(response.location).query)
        return self.flashes.take(query)

    def test_only_staff_get_the_pages_and_no_call_is_made_for_others(self):
        for who in ("teacher:1", "parent:parent-1010-1", "student:student-1010", "nobody"):
            for page in (self.pages.credentials, self.pages.manager, self.pages.processing,
                         self.pages.progress):
                response = page(self.visit(who), {})
                self.assertEqual(response.code, 403, (who, page.__name__))
            response = self.pages.run_post(self.visit(who), self.form())
            self.assertEqual(response.code, 403, who)
        self.assertEqual(self.plugin.calls, [])

    def test_a_post_without_the_form_token_changes_nothing(self):
        for post in (self.pages.credentials_post, self.pages.notify_post,
                     self.pages.processing_post, self.pages.run_post):
            response = post(self.visit(), self.form(csrf="forged", scope="district",
                                                    student_id="1010", report_key="SB:2024-25"))
            self.assertEqual(response.code, 403, post.__name__)
            self.assertIn("out of date", response.body)
        self.assertEqual(self.plugin.calls, [])

    def test_run_now_shows_progress_while_running_then_the_summary(self):
        response = self.pages.run_post(self.visit(), self.form())
        self.assertEqual(response.code, 303)
        self.assertTrue(self.plugin.sweeping.wait(10))
        running = self.pages.progress(self.visit(), {}).body
        self.assertIn('<meta http-equiv="refresh"', running)
        # 7 of the demo's 33 students not deleted, from the library's progress callback.
        total = len(self.district.students)
        self.assertIn(f'<progress id="rn-bar" max="{total}" value="7">', running)
        # One sweep at a time per process: a second Run now is refused, no second call.
        again = self.pages.run_post(self.visit(), self.form())
        self.assertEqual(self.follow(again), (False, "A sweep started from this page is "
                                                     "already running."))
        self.assertEqual([c for c, _ in self.plugin.calls].count("sweep"), 1)
        self.plugin.release.set()
        for _ in range(200):
            if self.runner.snapshot()["state"] == "done":
                break
            threading.Event().wait(0.05)
        done = self.pages.progress(self.visit(lang="es"), {}).body
        self.assertNotIn("http-equiv", done)
        self.assertIn('<progress id="rn-bar" max="12" value="12">', done)
        self.assertIn('<dd data-count="new_reports">3</dd>', done)
        self.assertIn('<dd data-count="errors_timeout">1</dd>', done)
        self.assertIn("Errores de ETS: timeout", done)
        sweep = next(r for c, r in self.plugin.calls if c == "sweep")
        self.assertEqual(sweep, {"scope": "district",
                                 "actor": {"role": "admin", "user_id": "district-admin"}})

    def test_testing_a_typed_pair_sends_it_to_test_connection_and_stores_nothing(self):
        self.plugin.answers["test_connection"] = ("SSRLINK_ETS", {"error": "ETS went away"})
        response = self.pages.credentials_post(self.visit("staff:2"), self.form(
            action="test", scope="district", username="toms-user", secret_key=SECRET))
        ok, text = self.follow(response)
        self.assertFalse(ok)
        self.assertIn("ETS went away", text)
        self.assertNotIn(SECRET, text)
        self.assertEqual([c for c, _ in self.plugin.calls if c == "credentials_put"], [],
                         "a pair under test was stored")
        tests = [r for c, r in self.plugin.calls if c == "test_connection"]
        self.assertEqual(tests, [{"scope": "district", "username": "toms-user",
                                  "secret_key": SECRET,
                                  "actor": {"role": "staff", "user_id": "office-2",
                                            "school_codes": ["2"]}}])

    def test_the_secret_never_reaches_a_page(self):
        self.plugin.answers["credentials_put"] = (
            "SSRLINK_INVALID_ARGUMENT", {"error": "\"expires_on\" must not be in the past."})
        page = self.pages.credentials_post(self.visit(), self.form(
            action="save", scope="district", username="toms-user", secret_key=SECRET,
            expires_on="2001-01-01"))
        self.assertIn("expires_on", page.body)
        self.assertIn('value="toms-user"', page.body)
        self.assertNotIn(SECRET, page.body)
        self.assertIn('<input type="password" name="secret_key" value=""', page.body)

    def test_a_refused_setting_is_shown_as_typed_with_the_plugins_sentence(self):
        self.plugin.answers["settings_get"] = ("SSRLINK_OK", {"settings": {
            "parent_instructions": {"vi": "Xin chào"}}})
        self.plugin.answers["settings_put"] = (
            "SSRLINK_INVALID_ARGUMENT", {"error": "\"settings.schedule.time\" must be HH:MM."})
        page = self.pages.processing_post(self.visit(), self.form(
            enabled="true", days=["tue", "mon"], time="25:99", time_zone="America/Los_Angeles",
            skip_tags="X, WD", concurrency="8", summary_recipients="a@b.example\n\n c@d.example",
            instructions_en="<b>Hi</b>", instructions_es=""))
        self.assertEqual(page.code, 422)
        self.assertIn("&quot;settings.schedule.time&quot; must be HH:MM.", page.body)
        self.assertIn('name="time" value="25:99"', page.body)
        self.assertIn("&lt;b&gt;Hi&lt;/b&gt;", page.body)
        put = next(r for c, r in self.plugin.calls if c == "settings_put")["settings"]
        self.assertEqual(put["schedule"], {"enabled": True, "days": ["mon", "tue"],
                                           "time": "25:99", "time_zone": "America/Los_Angeles"})
        self.assertEqual(put["sweep_defaults"], {"include_previous_year": False,
                                                 "skip_tags": ["X", "WD"], "concurrency": 8})
        self.assertEqual(put["summary_recipients"], ["a@b.example", "c@d.example"])
        # The languages this page does not edit are kept; an emptied one is removed.
        self.assertEqual(put["parent_instructions"], {"vi": "Xin chào", "en": "<b>Hi</b>"})

    def test_the_manager_passes_filters_and_the_form_fields_and_queues_for_every_guardian(self):
        self.plugin.answers["notifications_list"] = ("SSRLINK_OK", {"html": "<section>x</section>"})
        page = self.pages.manager(self.visit("staff:2", lang="es"), {
            "school": ["3"], "not_viewed": ["true"], "offset": ["25"], "limit": ["x"],
            "tag": [""]})
        self.assertIn("<section>x</section>", page.body)
        request = self.plugin.calls[-1][1]
        self.assertEqual(request["school"], "2", "a school office saw another school")
        self.assertIs(request["not_viewed"], True)
        self.assertEqual(request["offset"], 25)
        self.assertNotIn("limit", request)
        self.assertNotIn("tag", request)
        self.assertEqual(request["html"], {"action_url": "/staff/notify", "language": "es",
                                           "hidden": {"as": "staff:2", "lang": "es",
                                                      "csrf": self.token.value,
                                                      "back": "school=2&not_viewed=true&offset=25"}})
        self.plugin.answers["notification_queue"] = ("SSRLINK_OK", {
            "queued": True, "notices": 2, "already_queued": 0, "manual_follow_up": 1})
        response = self.pages.notify_post(self.visit("staff:2"), self.form(
            student_id="1010", report_key="SB:2024-25", back=request["html"]["hidden"]["back"]
            + "&as=admin&csrf=x"))
        # Back to the list as it was; nothing but the Manager's filters is taken from "back".
        self.assertRegex(response.location, r"^/staff/manager\?as=staff%3A2&lang=en&school=2&"
                                            r"not_viewed=true&offset=25&flash=[\w-]+$")
        ok, text = self.follow(response)
        self.assertTrue(ok)
        self.assertEqual(text, "Notice queued for Jia Li (1010) (SB:2024-25): 2 new email(s) to "
                               "guardians; 0 already notified; 1 without a usable email "
                               "(follow up another way).")
        self.assertEqual(self.plugin.calls[-1], ("notification_queue", {
            "student_id": 1010, "report_key": "SB:2024-25",
            "actor": {"role": "staff", "user_id": "office-2", "school_codes": ["2"]}}))


    def test_a_school_office_queues_only_for_its_own_school_and_district_staff_for_any(self):
        other = next(sid for sid, _fn, _ln, _gr, school in self.district.students
                     if str(school) != "2")
        self.plugin.answers["notification_queue"] = ("SSRLINK_OK", {
            "queued": True, "notices": 1, "already_queued": 0, "manual_follow_up": 0})
        ok, text = self.follow(self.pages.notify_post(self.visit("staff:2"), self.form(
            student_id=str(other), report_key="SB:2024-25")))
        self.assertFalse(ok)
        self.assertIn("not at your school", text)
        self.assertEqual(self.plugin.calls, [])
        ok, _ = self.follow(self.pages.notify_post(self.visit("staff"), self.form(
            student_id=str(other), report_key="SB:2024-25")))
        self.assertTrue(ok)
        self.assertEqual(self.plugin.calls[-1][1]["student_id"], other)
        self.pages.manager(self.visit("admin"), {"school": ["3"]})
        self.assertEqual(self.plugin.calls[-1][1]["school"], "3")



if __name__ == "__main__":
    unittest.main(verbosity=2)
