#!/usr/bin/python3
"""host.mail_*: `ssrlink-host mail`, the reference mailer, against the demo district
(tests/abi/with_district.sh: SQLite over ODBC, fake-ets over TLS) and a real SMTP server on
loopback (aiosmtpd, started here on port 0, recording every message with its Message-ID and
recipients). The outbox is filled by the plugin itself: the demo's TOMS pair is stored with
`ssrlink-host credentials-put`, then a real sweep queues one notice per guardian and report.

The sweep runs through the same binding as `ssrlink-host call sweep` (tools/host/ssrlink_binding.py)
but with the host clock (ssrlink_host.now_ms) pinned to 15 March 2026, as
tests/integration/page/sweep_e2e_test.cpp pins it: the sweep notifies the administration year
of the host clock (and the one before with include_previous_year), and the newest reports of
tools/fake-ets/fixtures/demo.json are 2025-26, so with the real clock the outbox would be empty
from July 2027 on and this test would test nothing.

Cases (one ctest each):
  once     a mailer that cannot reach SMTP gives its claim back; `mail --once` then delivers
           every unsent row exactly once, multipart text+HTML with the documented headers, sets
           sent_at, and a second run sends nothing and derives the same Message-ID tag;
  race     two mailers started together with batches of 2: the server holds the first message
           until both have connected, which each does only once it holds a claim, so the two
           claims overlap for certain, and then takes 20 ms a message so the claims interleave:
           every notice delivered, none twice, both mailers sent some;
  crash    the SMTP server records the 3rd message of the first mailer, then never answers it:
           the test SIGKILLs that mailer, which thus dies between sending a message and marking
           it, with two more rows of its batch claimed. This is how a crash happens in life (the
           process dies while the message is in the relay's hands) and needs no test hook in the
           mailer. A mailer with the default claim timeout leaves the dead mailer's rows alone; a
           mailer with --claim-timeout 1, once the claim is older than that, sends them: every
           notice delivered, and the one delivered twice has the same Message-ID both times;
  refused  the server refuses one recipient with 550: that row stays unsent, marked
           "refused 550 by <mailer>", the run exits 1, the server's reply text is not printed;
           a run before the claim timeout leaves it; after it (the relay fixed) it is delivered;
  daemon   a mailer without --once, started on an empty outbox, sends what a sweep queues
           while it polls, and exits 0 on SIGTERM.
Every case checks that nothing a mailer printed holds a body, a subject or a recipient.

usage: mail_cli_test.py <source dir> <libssrlink.so> <case>   (run under with_district.sh, with
/usr/bin/python3: Debian's python3-pyodbc and python3-aiosmtpd, tools/setup-debian.sh)
"""

import asyncio
import datetime
import email.policy
import email.utils
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from email.parser import BytesParser
from pathlib import Path

FROM = "notices@district.example"
PINNED_NOW_MS = int(datetime.datetime(2026, 3, 15, 12, tzinfo=datetime.timezone.utc)
                    .timestamp() * 1000)
REFUSAL_TEXT = "5.1.1 mailbox-unavailable-REPLY-TEXT-NOT-FOR-LOGS"


def fail(message, outputs=()):
    print(f"FAIL: {message}")
    for name, text in outputs:
        print(f"--- {name}:\n{text}")
    sys.exit(1)


try:
    import pyodbc  # noqa: F401  (the mailer's; checked here so a missing package fails loudly)
    from aiosmtpd.smtp import SMTP
except ImportError as error:
    fail(f"{error}: install python3-pyodbc and python3-aiosmtpd (tools/setup-debian.sh) and run "
         f"this test with /usr/bin/python3 (this is {sys.executable})")


class Recorder:
    """An SMTP server on 127.0.0.1, port 0, in a thread: records every message it accepts."""

    def __init__(self, delay=0.0, stall_at=None, gate=0):
        self.delay = delay
        self.stall_at = stall_at  # record the nth message, then never answer it
        self.gate = gate  # hold every message until this many sessions have connected
        self.connections = 0
        self.refuse = set()
        self.messages = []
        self.stalled = threading.Event()
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._serve, args=(ready,), daemon=True).start()
        if not ready.wait(10):
            fail("the SMTP recorder did not start")

    def _serve(self, ready):
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(self._loop.create_server(
            self._session, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    def _session(self):
        self.connections += 1
        return SMTP(self, hostname="recorder.test", loop=self._loop)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return f"550 {REFUSAL_TEXT}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = BytesParser(policy=email.policy.default).parsebytes(envelope.content)
        with self._lock:
            self.messages.append({"message_id": message["Message-ID"], "mail_from":
                                  envelope.mail_from, "rcpt_tos": list(envelope.rcpt_tos),
                                  "message": message})
            stall = self.stall_at is not None and len(self.messages) == self.stall_at
        deadline = time.monotonic() + 10
        while self.connections < self.gate and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        if stall:
            self.stalled.set()
            await asyncio.Event().wait()  # never set: the 250 never comes
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 OK"

    def count(self):
        with self._lock:
            return len(self.messages)


class District:
    def __init__(self, root, library):
        self.root, self.library = Path(root), library
        self.config = json.loads(os.environ["SSRLINK_TEST_CONFIG"])
        self.database = re.search(r"Database=([^;]+)", self.config["odbc"]).group(1)
        # Beside the district's database, in with_district.sh's work directory (kept to read).
        self.work = Path(self.database).parent / "mail"
        self.work.mkdir()
        self.config_file = self.work / "config.json"
        self.config_file.write_text(json.dumps(self.config))
        self.host = [sys.executable, str(self.root / "tools/host/ssrlink-host"), "--config",
                     str(self.config_file)]
        self.outputs = []  # (name, text) of every mailer run, for the checks on logs

    def store_credentials(self):
        run = subprocess.run(self.host + ["--library", self.library, "credentials-put",
                                          "--actor-user", "it-lead", "--scope", "district",
                                          "--username", "demo-district", "--secret-key-stdin"],
                             input="DemoSecretKey-0123456789\n", capture_output=True, text=True,
                             timeout=60)
        if run.returncode != 0:
            fail("credentials-put failed", [("output", run.stdout + run.stderr)])

    def sweep(self):
        """A real sweep by the plugin (see the module's docstring for the pinned clock)."""
        sys.path.insert(0, str(self.root / "tools/host"))
        from ssrlink_binding import Ssrlink
        plugin = Ssrlink(self.library, self.config, now_ms=lambda: PINNED_NOW_MS)
        try:
            status, result = plugin.call("sweep", {
                "scope": "district", "actor": {"role": "system", "user_id": "nightly-sweep"}})
        finally:
            plugin.close()
        if status != "SSRLINK_OK" or result.get("notices_queued", 0) < 10:
            fail(f"the sweep queued too few notices to test a mailer: {status} {result}")
        return result["notices_queued"]

    def rows(self):
        with sqlite3.connect(self.database, timeout=30) as db:
            db.row_factory = sqlite3.Row
            return {r["id"]: dict(r) for r in db.execute("SELECT * FROM ssrlink_outbox")}

    def mail(self, name, *args, smtp_port):
        """Starts `ssrlink-host mail` (stdout and stderr to one file); returns the process."""
        log = self.work / f"{name}.log"
        process = subprocess.Popen(
            self.host + ["mail", "--smtp", f"127.0.0.1:{smtp_port}", "--from", FROM,
                         "--mailer", name] + list(args),
            stdout=log.open("w"), stderr=subprocess.STDOUT)
        process.log, process.name = log, name
        return process

    def finish(self, process, expect_status, timeout=30):
        try:
            status = process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            self.outputs.append((process.name, process.log.read_text()))
            fail(f"mailer {process.name} did not finish within {timeout} s", self.outputs)
        text = process.log.read_text()
        self.outputs.append((process.name, text))
        if expect_status is not None and status != expect_status:
            fail(f"mailer {process.name} exited {status}, expected {expect_status}",
                 self.outputs)
        return text

    def run_mail(self, name, *args, smtp_port, expect_status=0):
        return self.finish(self.mail(name, *args, smtp_port=smtp_port), expect_status)


def sent_ids(text):
    """The ids a mailer's output says it sent, in order."""
    return [int(m) for m in re.findall(r"^ssrlink-mailer \S+: sent outbox (\d+) ", text, re.M)]


def tag_of(text):
    found = re.findall(r"Message-ID tag ([0-9a-f]{12})\)", text)
    if len(found) != 1:
        fail("a mailer did not say its Message-ID tag once", [("output", text)])
    return found[0]


def plain(text):
    return text.replace("\r\n", "\n").rstrip("\n")


def check_message(record, row, tag):
    """One delivered message against its outbox row: headers, parts, envelope."""
    message = record["message"]
    where = f"the message of outbox {row['id']}"
    expected_id = f"<ssrlink-outbox-{row['id']}.{tag}@district.example>"
    checks = [
        (record["message_id"] == expected_id, f"Message-ID {record['message_id']}, expected "
                                              f"{expected_id}"),
        (record["rcpt_tos"] == [row["recipient"]], "the envelope recipients"),
        (record["mail_from"] == FROM, "the envelope sender"),
        (str(message["To"]) == row["recipient"], "To"),
        (str(message["From"]) == FROM, "From"),
        (str(message["Subject"]) == row["subject"], "Subject"),
        (str(message["Content-Language"]) == row["language"], "Content-Language"),
        (str(message["Auto-Submitted"]) == "auto-generated", "Auto-Submitted"),
        (message.get_content_type() == "multipart/alternative", "not multipart/alternative"),
    ]
    for ok, what in checks:
        if not ok:
            fail(f"{where}: {what}")
    date = email.utils.parsedate_to_datetime(str(message["Date"]))
    if date.tzinfo is None or abs(time.time() - date.timestamp()) > 600:
        fail(f"{where}: the Date header {message['Date']} is not now")
    parts = [p.get_content_type() for p in message.iter_parts()]
    if parts != ["text/plain", "text/html"]:
        fail(f"{where}: the parts are {parts}, expected text/plain then text/html")
    text_part, html_part = message.iter_parts()
    if plain(text_part.get_content()) != plain(row["body_text"]):
        fail(f"{where}: the text part is not body_text")
    if plain(html_part.get_content()) != plain(row["body_html"]):
        fail(f"{where}: the HTML part is not body_html")


def check_exactly_once(district, recorder, tag):
    """Every row delivered once, as its row says, and marked sent."""
    rows = district.rows()
    by_id = {}
    for record in recorder.messages:
        m = re.fullmatch(r"<ssrlink-outbox-(\d+)\.[0-9a-f]{12}@district\.example>",
                         str(record["message_id"]))
        if not m:
            fail(f"a message has the Message-ID {record['message_id']}")
        by_id.setdefault(int(m.group(1)), []).append(record)
    twice = sorted(i for i, records in by_id.items() if len(records) > 1)
    if twice:
        fail(f"outbox rows delivered more than once: {twice}", district.outputs)
    if sorted(by_id) != sorted(rows):
        fail(f"delivered {sorted(by_id)}, the outbox holds {sorted(rows)}", district.outputs)
    for row_id, row in rows.items():
        check_message(by_id[row_id][0], row, tag)
        if row["sent_at"] is None:
            fail(f"outbox {row_id} was delivered but sent_at is NULL")
    return rows


def check_logs(district):
    """(4) Nothing a mailer printed holds a body, a subject or a recipient; every line is the
    mailer's own (a traceback would print the row it was on)."""
    rows = district.rows()
    secrets = set()
    for row in rows.values():
        for body in (row["body_text"], row["body_html"]):
            secrets.update(line.strip() for line in body.splitlines() if len(line.strip()) >= 16)
        secrets.add(row["subject"])
        secrets.add(row["recipient"])
    if len(secrets) < 20:
        fail("too few body lines to look for: the check would check nothing")
    for name, text in district.outputs:
        for secret in secrets:
            if secret in text:
                fail(f"mailer {name} printed part of a notice: {secret[:40]!r}", district.outputs)
        for line in text.splitlines():
            if not line.startswith(f"ssrlink-mailer {name}: "):
                fail(f"mailer {name} printed a line not its own: {line[:80]!r}", district.outputs)
        if REFUSAL_TEXT in text:
            fail(f"mailer {name} printed the SMTP server's reply text", district.outputs)


def case_once(district):
    district.store_credentials()
    queued = district.sweep()
    recorder = Recorder()
    # No SMTP server on this port (free a moment ago): nothing sent, the claim given back.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    text = district.run_mail("down-1", "--once", smtp_port=dead_port, expect_status=1)
    if "cannot reach the SMTP server" not in text:
        fail("a mailer without SMTP did not say so", district.outputs)
    if any(r["claimed_by"] is not None or r["sent_at"] is not None
           for r in district.rows().values()):
        fail("a mailer without SMTP kept or sent rows", district.outputs)

    text = district.run_mail("once-1", "--once", "--batch", "5", smtp_port=recorder.port)
    tag = tag_of(text)
    rows = check_exactly_once(district, recorder, tag)
    if len(rows) != queued:
        fail(f"the sweep queued {queued}, the outbox holds {len(rows)}")
    if sorted(sent_ids(text)) != sorted(rows):
        fail("the mailer did not log exactly one line per sent id", district.outputs)
    if not all(re.fullmatch(r"once-1/[0-9a-f]{8}", r["claimed_by"]) for r in rows.values()):
        fail("claimed_by is not the mailer's claim token", district.outputs)
    if len({r["claimed_by"] for r in rows.values()}) != -(-len(rows) // 5):
        fail("batches of 5 did not make one claim per batch", district.outputs)
    if len({r["language"] for r in rows.values()}) < 3:
        fail("the notices are in fewer than three languages: the test would miss encodings")

    text = district.run_mail("once-2", "--once", smtp_port=recorder.port)
    if sent_ids(text) or recorder.count() != len(rows):
        fail("a second run sent again", district.outputs)
    if tag_of(text) != tag:
        fail("the Message-ID tag of the same database changed between runs", district.outputs)
    check_logs(district)
    print(f"host.mail_once: ok ({len(rows)} notices)")


def case_race(district):
    district.store_credentials()
    district.sweep()
    recorder = Recorder(delay=0.02, gate=2)
    mailers = [district.mail(f"race-{n}", "--once", "--batch", "2", smtp_port=recorder.port)
               for n in (1, 2)]
    texts = [district.finish(m, 0) for m in mailers]
    rows = check_exactly_once(district, recorder, tag_of(texts[0]))
    sent = [set(sent_ids(t)) for t in texts]
    if sent[0] & sent[1]:
        fail(f"both mailers sent {sorted(sent[0] & sent[1])}", district.outputs)
    if sent[0] | sent[1] != set(rows):
        fail("the mailers' logs do not add up to the outbox", district.outputs)
    if not sent[0] or not sent[1]:
        fail("one mailer sent everything: the two did not race", district.outputs)
    for n, ids in ((1, sent[0]), (2, sent[1])):
        if any(not rows[i]["claimed_by"].startswith(f"race-{n}/") for i in ids):
            fail(f"a row race-{n} sent is not marked with its claim", district.outputs)
    check_logs(district)
    print(f"host.mail_race: ok ({len(sent[0])} + {len(sent[1])} notices)")


def case_crash(district):
    district.store_credentials()
    district.sweep()
    recorder = Recorder(stall_at=3)
    victim = district.mail("crash-a", "--once", "--batch", "5", smtp_port=recorder.port)
    if not recorder.stalled.wait(30):
        district.finish(victim, None, timeout=1)
        fail("the first mailer never sent a third message", district.outputs)
    if victim.poll() is not None:
        fail("the first mailer exited before it was killed", district.outputs)
    victim.send_signal(signal.SIGKILL)
    text = district.finish(victim, -signal.SIGKILL)
    rows = district.rows()
    first = sorted(rows)[:5]
    if sent_ids(text) != first[:2]:
        fail(f"the killed mailer logged {sent_ids(text)}, expected {first[:2]}", district.outputs)
    if [i for i in first if rows[i]["sent_at"] is not None] != first[:2]:
        fail("the killed mailer's sent rows are not the two it logged", district.outputs)
    held = [i for i in rows if rows[i]["sent_at"] is None
            and (rows[i]["claimed_by"] or "").startswith("crash-a/")]
    if held != first[2:]:
        fail(f"the killed mailer's claim holds {held}, expected {first[2:]}", district.outputs)

    # The default claim timeout (300 s): the dead mailer's three rows are left alone.
    text = district.run_mail("crash-b", "--once", smtp_port=recorder.port)
    if sorted(sent_ids(text)) != sorted(set(rows) - set(first)):
        fail("a mailer took rows under another mailer's live claim, or missed free ones",
             district.outputs)
    # --claim-timeout 1, once the dead claim is older than that: its rows are sent.
    time.sleep(1.2)
    text = district.run_mail("crash-c", "--once", "--claim-timeout", "1",
                             smtp_port=recorder.port)
    if sent_ids(text) != first[2:]:
        fail(f"after the claim timeout, sent {sent_ids(text)}, expected {first[2:]}",
             district.outputs)

    rows = district.rows()
    if any(r["sent_at"] is None for r in rows.values()):
        fail("rows left unsent", district.outputs)
    # Group deliveries by what was delivered (recipient and text), not by Message-ID, so that a
    # notice re-sent under another Message-ID would show as two Message-IDs for one notice.
    notices = {}
    for record in recorder.messages:
        text_part = next(record["message"].iter_parts())
        key = (tuple(record["rcpt_tos"]), plain(text_part.get_content()),
               str(record["message"]["Subject"]))
        notices.setdefault(key, []).append(record["message_id"])
    by_row = {(tuple([r["recipient"]]), plain(r["body_text"]), r["subject"]): i
              for i, r in rows.items()}
    if set(notices) != set(by_row):
        fail("the notices delivered are not the outbox's notices", district.outputs)
    twice = {by_row[k]: ids for k, ids in notices.items() if len(ids) > 1}
    if list(twice) != [first[2]]:
        fail(f"delivered twice: {sorted(twice)}; expected only outbox {first[2]}, the message "
             f"in hand when the mailer was killed", district.outputs)
    for row_id, ids in twice.items():
        if len(set(ids)) != 1:
            fail(f"outbox {row_id} was delivered twice with different Message-IDs {ids}")
    tag = tag_of(district.outputs[0][1])
    for row_id, row in rows.items():
        records = [r for r in recorder.messages
                   if r["message_id"] == f"<ssrlink-outbox-{row_id}.{tag}@district.example>"]
        if not records:
            fail(f"outbox {row_id} was not delivered under its Message-ID")
        check_message(records[-1], row, tag)
    check_logs(district)
    print(f"host.mail_crash: ok (outbox {first[2]} delivered twice, same Message-ID)")


def case_refused(district):
    district.store_credentials()
    district.sweep()
    recorder = Recorder()
    rows = district.rows()
    counts = {}
    for row in rows.values():
        counts[row["recipient"]] = counts.get(row["recipient"], 0) + 1
    refused = min(i for i, r in rows.items() if counts[r["recipient"]] == 1)
    recorder.refuse.add(rows[refused]["recipient"])

    text = district.run_mail("refuse-1", "--once", smtp_port=recorder.port, expect_status=1)
    if f"outbox {refused}: the SMTP server refused it (550)" not in text:
        fail("the refusal is not logged with its id and code", district.outputs)
    if sorted(sent_ids(text)) != sorted(set(rows) - {refused}):
        fail("the other rows were not all sent", district.outputs)
    row = district.rows()[refused]
    if row["sent_at"] is not None or row["claimed_by"] != "refused 550 by refuse-1":
        fail(f"the refused row reads sent_at={row['sent_at']} claimed_by={row['claimed_by']!r}",
             district.outputs)

    text = district.run_mail("refuse-2", "--once", smtp_port=recorder.port)
    if sent_ids(text) or district.rows()[refused]["claimed_by"] != "refused 550 by refuse-1":
        fail("a refused row was retried before its claim timeout", district.outputs)

    recorder.refuse.clear()  # the relay's problem fixed
    time.sleep(1.2)
    text = district.run_mail("refuse-3", "--once", "--claim-timeout", "1",
                             smtp_port=recorder.port)
    if sent_ids(text) != [refused]:
        fail(f"after the claim timeout, sent {sent_ids(text)}, expected [{refused}]",
             district.outputs)
    check_exactly_once(district, recorder, tag_of(text))
    check_logs(district)
    print(f"host.mail_refused: ok (outbox {refused} refused, then delivered)")


def case_daemon(district):
    district.store_credentials()
    recorder = Recorder()
    daemon = district.mail("daemon-1", "--poll-seconds", "1", smtp_port=recorder.port)
    deadline = time.monotonic() + 20
    while "draining ssrlink_outbox" not in daemon.log.read_text():
        if time.monotonic() > deadline or daemon.poll() is not None:
            district.finish(daemon, None, timeout=1)
            fail("the mailer did not start", district.outputs)
        time.sleep(0.05)
    queued = district.sweep()  # while the mailer polls
    deadline = time.monotonic() + 20
    while recorder.count() < queued or any(r["sent_at"] is None
                                           for r in district.rows().values()):
        if time.monotonic() > deadline or daemon.poll() is not None:
            district.finish(daemon, None, timeout=1)
            fail(f"the polling mailer sent {recorder.count()} of {queued}", district.outputs)
        time.sleep(0.1)
    if daemon.poll() is not None:
        fail("the polling mailer exited by itself", district.outputs)
    daemon.send_signal(signal.SIGTERM)
    text = district.finish(daemon, 0, timeout=10)
    if "SIGTERM: stopping" not in text or f"stopped: {queued} sent, 0 not sent" not in text:
        fail("the mailer did not say it stopped on SIGTERM", district.outputs)
    check_exactly_once(district, recorder, tag_of(text))
    check_logs(district)
    print(f"host.mail_daemon: ok ({queued} notices)")


CASES = {"once": case_once, "race": case_race, "crash": case_crash, "refused": case_refused,
         "daemon": case_daemon}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[3] not in CASES:
        print(__doc__.split("\n\n")[-1], file=sys.stderr)
        sys.exit(2)
    CASES[sys.argv[3]](District(sys.argv[1], sys.argv[2]))
