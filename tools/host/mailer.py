"""The reference mailer: drains ssrlink_outbox over SMTP by the claim protocol of docs/abi.md
("The outbox and the claim protocol (for the host's mailer)").

  ssrlink-host --config CONFIG.json mail --smtp HOST:PORT [--once] [--batch N]
               [--claim-timeout SECONDS] [--from ADDRESS] [--mailer NAME]

It reads the database through ODBC with the plugin's own connection string (the `odbc` key of
CONFIG.json) and needs only SELECT and UPDATE on ssrlink_outbox. In one loop it:

1. claims a batch: one UPDATE sets claimed_by (a token new for each claim: the mailer's name, a
   slash and eight random hex digits) and claimed_at (the database's clock, in milliseconds) on
   at most N rows with sent_at NULL whose claim is absent or older than the claim timeout;
2. reads back the rows whose claimed_by is that token (and sent_at NULL): exactly this claim's;
3. sends each as its own message, with a Message-ID made of the row's id and a tag of the
   database, so a message sent again after a crash has the same Message-ID;
4. sets sent_at on each row it sent, only where claimed_by is still this claim's token.

A mailer killed between 3 and 4 leaves a row that was delivered but not marked: it is sent again
once its claim is older than the claim timeout, with the same Message-ID, and receivers that
drop duplicates by Message-ID drop it. Exactly-once delivery is impossible without that.

Nothing here prints or logs a body, a subject or a recipient: one line per row sent (its id and
Message-ID), one per row not sent (its id and the SMTP reply code), and a line at start and end.
The plain SMTP dialogue goes to the host's relay (Postfix, Exim, an Exchange connector), which
does TLS and authentication onward.
"""

import datetime
import email.policy
import email.utils
import hashlib
import os
import re
import secrets
import signal
import smtplib
import socket
import sys
import time
from email.message import EmailMessage

SMTP_TIMEOUT_SECONDS = 60

# Messages are 7-bit on the wire (quoted-printable or base64 bodies, RFC 2047 headers), so any
# relay takes them, 8BITMIME or not.
MESSAGE_POLICY = email.policy.SMTP.clone(cte_type="7bit")

NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}")
TAG_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")
# One mailbox, as the plugin stores it (it checked it when it queued the notice): anything with a
# space, an angle bracket, a comma or a second @ would be read as something else by a relay.
RECIPIENT_PATTERN = re.compile(r"[^\s<>()\[\],;:\"@\\]+@[^\s<>()\[\],;:\"@\\]+")
LANGUAGE_PATTERN = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


class MailerError(Exception):
    """A problem with the command line or the configuration: said in one sentence, exit 2."""


def default_mailer_name():
    """The host name, the process id and six random hex digits: unique among running mailers."""
    host = re.sub(r"[^A-Za-z0-9.-]", "-", socket.gethostname() or "host").strip("-.") or "host"
    return f"{host[:64]}-{os.getpid()}-{secrets.token_hex(3)}"


def parse_smtp(text):
    """HOST:PORT (an IPv6 host in brackets: [::1]:25) -> (host, port)."""
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise MailerError(f"--smtp must be HOST:PORT, such as 127.0.0.1:25, not {text!r}.")
    return host.strip("[]"), int(port)


def address_domain(address):
    """The domain of an email address, for the Message-ID; a sentence when it has none."""
    _, addr = email.utils.parseaddr(address)
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain or not RECIPIENT_PATTERN.fullmatch(addr):
        raise MailerError(f"--from must be an email address such as ssrlink@district.example, "
                          f"not {address!r}.")
    return addr, domain


class Dialect:
    """The statements of the claim protocol for one database (docs/abi.md)."""

    def __init__(self, name, now, claim_sql, claim_params):
        self.name = name
        self.now = now  # the database's clock, milliseconds since 1970 UTC
        self.claim_sql = claim_sql
        self._claim_params = claim_params

    def claim_params(self, token, batch, timeout_ms):
        return self._claim_params(token, batch, timeout_ms)


def _claimable(now):
    return (f"sent_at IS NULL AND (claimed_at IS NULL OR claimed_at < {now} - "
            f"CAST(? AS BIGINT))")


def _sqlite():
    # One UPDATE is atomic in SQLite: it takes the database's write lock before it reads, so the
    # subquery and the update see the same rows and no other writer runs in between.
    now = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
    sql = (f"UPDATE ssrlink_outbox SET claimed_by = ?, claimed_at = {now} "
           f"WHERE id IN (SELECT id FROM ssrlink_outbox WHERE {_claimable(now)} "
           f"ORDER BY id LIMIT CAST(? AS INTEGER))")
    return Dialect("sqlite", now, sql, lambda token, batch, timeout: (token, timeout, batch))


def _postgresql():
    # ARRAY(subquery) is an InitPlan, run once: it locks the rows it picks and skips rows another
    # claim holds locked (FOR UPDATE SKIP LOCKED). Not `id IN (subquery)`: the planner may run
    # that subquery again for each row it updates, and each run, skipping the rows this statement
    # already updated, picks the next few, so one claim takes the whole outbox. The outer WHERE
    # repeats the condition: a row that another claim committed while this statement waited is
    # re-checked on its new version and left out.
    now = "CAST(EXTRACT(EPOCH FROM statement_timestamp()) * 1000 AS BIGINT)"
    sql = (f"UPDATE ssrlink_outbox SET claimed_by = ?, claimed_at = {now} "
           f"WHERE id = ANY(ARRAY(SELECT id FROM ssrlink_outbox WHERE {_claimable(now)} "
           f"ORDER BY id LIMIT CAST(? AS INTEGER) FOR UPDATE SKIP LOCKED)) "
           f"AND {_claimable(now)}")
    return Dialect("postgresql", now, sql,
                   lambda token, batch, timeout: (token, timeout, batch, timeout))


def _sqlserver():
    # Provided, untested (no SQL Server in this project's tests): the queue idiom, an updatable
    # CTE over TOP (n) rows; UPDLOCK holds the picked rows to the end of the statement, READPAST
    # skips rows another claim holds, ROWLOCK keeps the locks to those rows.
    now = "DATEDIFF_BIG(MILLISECOND, CAST('1970-01-01' AS DATETIME2), SYSUTCDATETIME())"
    sql = (f"WITH picked AS (SELECT TOP (CAST(? AS INT)) id, claimed_by, claimed_at "
           f"FROM ssrlink_outbox WITH (UPDLOCK, ROWLOCK, READPAST) "
           f"WHERE {_claimable(now)} ORDER BY id) "
           f"UPDATE picked SET claimed_by = ?, claimed_at = {now}")
    return Dialect("sqlserver", now, sql,
                   lambda token, batch, timeout: (batch, timeout, token))


DIALECTS = {"SQLite": _sqlite, "PostgreSQL": _postgresql, "Microsoft SQL Server": _sqlserver}


class Row:
    __slots__ = ("id", "recipient", "language", "subject", "body_text", "body_html")

    def __init__(self, values):
        (self.id, self.recipient, self.language, self.subject, self.body_text,
         self.body_html) = values
        self.id = int(self.id)


class Outbox:
    """ssrlink_outbox through ODBC, one autocommitted statement at a time."""

    def __init__(self, pyodbc, connection_string):
        self._pyodbc = pyodbc
        self._db = pyodbc.connect(connection_string, autocommit=True)
        dbms = self._db.getinfo(pyodbc.SQL_DBMS_NAME)
        make = DIALECTS.get(dbms)
        if make is None:
            self._db.close()
            raise MailerError(f"The mailer knows SQLite, PostgreSQL and SQL Server; this database "
                              f"says it is {dbms!r}.")
        self.dialect = make()
        self.identity = "\0".join(str(self._db.getinfo(info) or "") for info in (
            pyodbc.SQL_DBMS_NAME, pyodbc.SQL_SERVER_NAME, pyodbc.SQL_DATABASE_NAME))

    def close(self):
        try:
            self._db.close()
        except self._pyodbc.Error:
            pass

    def _run(self, sql, *params):
        return self._db.execute(sql, *params).rowcount

    def claim(self, token, batch, timeout_ms):
        """Claims up to `batch` claimable rows for `token`; returns exactly the rows it got."""
        self._run(self.dialect.claim_sql, *self.dialect.claim_params(token, batch, timeout_ms))
        rows = self._db.execute(
            "SELECT id, recipient, language, subject, body_text, body_html FROM ssrlink_outbox "
            "WHERE sent_at IS NULL AND claimed_by = ? ORDER BY id", token).fetchall()
        return [Row(tuple(r)) for r in rows]

    def mark_sent(self, row_id, token):
        """sent_at, only while the row is still this claim's; False when the claim was lost."""
        return self._run(f"UPDATE ssrlink_outbox SET sent_at = {self.dialect.now} "
                         f"WHERE id = CAST(? AS BIGINT) AND claimed_by = ? AND sent_at IS NULL",
                         row_id, token) == 1

    def mark_refused(self, row_id, token, marker):
        """claimed_by = 'refused <code> by <mailer>': unsent, retried after the claim timeout."""
        self._run("UPDATE ssrlink_outbox SET claimed_by = ? "
                  "WHERE id = CAST(? AS BIGINT) AND claimed_by = ? AND sent_at IS NULL",
                  marker, row_id, token)

    def release(self, token, from_id):
        """Gives back this claim's rows from `from_id` on, not tried: claimable again at once."""
        self._run("UPDATE ssrlink_outbox SET claimed_by = NULL, claimed_at = NULL "
                  "WHERE sent_at IS NULL AND claimed_by = ? AND id >= CAST(? AS BIGINT)",
                  token, from_id)


def message_id(row_id, tag, domain):
    """Stable for a row of one database: a message sent again carries the same Message-ID."""
    return f"<ssrlink-outbox-{row_id}.{tag}@{domain}>"


def database_tag(identity):
    """Twelve hex digits of SHA-256 over the DBMS, server and database names the driver reports."""
    return hashlib.sha256(("ssrlink-outbox\0" + identity).encode("utf-8")).hexdigest()[:12]


def build_message(row, from_address, msg_id):
    """multipart/alternative: body_text, then body_html; raises ValueError for an unusable row."""
    if not isinstance(row.recipient, str) or len(row.recipient) > 320 or \
            not RECIPIENT_PATTERN.fullmatch(row.recipient):
        raise ValueError("recipient")
    message = EmailMessage(policy=MESSAGE_POLICY)
    message["From"] = from_address
    message["To"] = row.recipient
    message["Subject"] = row.subject  # the policy refuses CR and LF in any header
    message["Date"] = email.utils.format_datetime(datetime.datetime.now(datetime.timezone.utc))
    message["Message-ID"] = msg_id
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to the mailer
    message.set_content(row.body_text)
    message.add_alternative(row.body_html, subtype="html")
    # After the content: set_content clears every Content-* header.
    if isinstance(row.language, str) and LANGUAGE_PATTERN.fullmatch(row.language):
        message["Content-Language"] = row.language
    return message.as_bytes()


SENT, REFUSED, TEMPORARY, BROKEN = "sent", "refused", "temporary", "broken"


def send(smtp, from_address, recipient, data):
    """One message over an open SMTP connection -> (outcome, reply code or None)."""
    try:
        smtp.sendmail(from_address, [recipient], data)
        return SENT, None
    except smtplib.SMTPRecipientsRefused as error:
        code = next(iter(error.recipients.values()))[0]
    except smtplib.SMTPSenderRefused as error:
        return BROKEN, error.smtp_code  # our --from: nothing in this batch can go
    except smtplib.SMTPResponseException as error:
        code = error.smtp_code
    except (smtplib.SMTPException, OSError):
        return BROKEN, None  # the connection is gone: whether this one arrived is unknown
    if code == 421:
        return BROKEN, code
    return (REFUSED if 500 <= code < 600 else TEMPORARY), code


class Stop:
    """SIGTERM and SIGINT ask the mailer to stop after the message in hand."""

    def __init__(self, log):
        self.requested = False
        self._log = log
        signal.signal(signal.SIGTERM, self._handle)
        signal.signal(signal.SIGINT, self._handle)

    def _handle(self, signum, _frame):
        if not self.requested:
            self._log(f"{signal.Signals(signum).name}: stopping after the message in hand")
        self.requested = True

    def sleep(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.requested and time.monotonic() < deadline:
            time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))


class Mailer:
    def __init__(self, outbox, smtp_host, smtp_port, from_address, domain, name, tag, batch,
                 claim_timeout, log, stop):
        self.outbox = outbox
        self.smtp_host, self.smtp_port = smtp_host, smtp_port
        self.from_address, self.domain = from_address, domain
        self.name, self.tag = name, tag
        self.batch, self.claim_timeout = batch, claim_timeout
        self.log, self.stop = log, stop
        self.sent = self.not_sent = 0

    def _connect(self):
        smtp = smtplib.SMTP(self.smtp_host, self.smtp_port, timeout=SMTP_TIMEOUT_SECONDS)
        smtp.ehlo_or_helo_if_needed()
        return smtp

    def drain(self):
        """Claims and sends batches until a claim gets no row it has not tried; True when every
        row it tried was sent."""
        smtp = None
        clean = True
        attempted = set()  # each row at most once per drain: refused rows wait out their claim
        try:
            while not self.stop.requested:
                token = f"{self.name}/{secrets.token_hex(4)}"
                claimed_at = time.monotonic()
                rows = [r for r in self.outbox.claim(token, self.batch, self.claim_timeout * 1000)
                        if r.id not in attempted]
                if not rows:
                    return clean
                if smtp is None:
                    try:
                        smtp = self._connect()
                    except (smtplib.SMTPException, OSError) as error:
                        self.log(f"cannot reach the SMTP server {self.smtp_host}:{self.smtp_port} "
                                 f"({type(error).__name__}); the batch is given back")
                        self.outbox.release(token, rows[0].id)
                        return False
                for row in rows:
                    # A claim older than half the timeout is given back rather than risk a
                    # second mailer taking it while this one is still sending.
                    if self.stop.requested or \
                            time.monotonic() - claimed_at > self.claim_timeout / 2:
                        self.outbox.release(token, row.id)
                        break
                    attempted.add(row.id)
                    outcome, code = self._one(smtp, row, token)
                    if outcome != SENT:
                        clean = False
                        self.not_sent += 1
                    if outcome == BROKEN:
                        # With a reply the message was not taken: give it back with the rest.
                        # Without one (the connection dropped) it may have arrived: it keeps its
                        # claim and is sent again, same Message-ID, after the claim timeout.
                        self.outbox.release(token, row.id if code else row.id + 1)
                        smtp.close()  # no QUIT on a connection in doubt
                        smtp = None
                        return False
        finally:
            if smtp is not None:
                try:
                    smtp.quit()
                except (smtplib.SMTPException, OSError):
                    pass
        return clean

    def _one(self, smtp, row, token):
        msg_id = message_id(row.id, self.tag, self.domain)
        try:
            data = build_message(row, self.from_address, msg_id)
        except (ValueError, TypeError, LookupError, UnicodeError) as error:
            # Never the value: the reason is the kind of problem only.
            self.outbox.mark_refused(row.id, token, f"refused invalid by {self.name}"[:128])
            self.log(f"outbox {row.id}: not sent, the row cannot make a message "
                     f"({type(error).__name__}); retried after the claim timeout")
            return REFUSED, None
        outcome, code = send(smtp, self.from_address, row.recipient, data)
        if outcome == SENT:
            self.sent += 1
            if self.outbox.mark_sent(row.id, token):
                self.log(f"sent outbox {row.id} {msg_id}")
            else:
                self.log(f"sent outbox {row.id} {msg_id}, but its claim had expired and passed "
                         f"to another mailer, which may send it again with the same Message-ID")
        elif outcome == REFUSED:
            self.outbox.mark_refused(row.id, token, f"refused {code} by {self.name}"[:128])
            self.log(f"outbox {row.id}: the SMTP server refused it ({code}); not sent, "
                     f"retried after the claim timeout")
        elif outcome == TEMPORARY:
            self.log(f"outbox {row.id}: the SMTP server deferred it ({code}); not sent, "
                     f"retried after the claim timeout")
        elif code:
            self.log(f"outbox {row.id}: not sent, the SMTP server refused the session ({code}); "
                     f"the batch is given back")
        else:
            self.log(f"outbox {row.id}: the SMTP connection failed and whether it arrived is "
                     f"unknown; it is sent again, with the same Message-ID, after the claim "
                     f"timeout")
        return outcome, code


def run(config, smtp, once=False, batch=20, claim_timeout=300, from_address=None, name=None,
        tag=None, poll_seconds=5, out=sys.stderr):
    """The `mail` command: returns the exit status (0 ok, 1 something not sent, 2 usage)."""
    name = name or default_mailer_name()

    def log(text):
        print(f"ssrlink-mailer {name}: {text}", file=out, flush=True)

    try:
        import pyodbc
    except ImportError:
        print("ssrlink-host mail needs pyodbc: on Debian, apt-get install python3-pyodbc and run "
              f"it with /usr/bin/python3 (this interpreter is {sys.executable}).", file=out)
        return 2
    try:
        if not NAME_PATTERN.fullmatch(name):
            raise MailerError("--mailer must be 1-100 letters, digits and . _ : @ - "
                              "(it goes into claimed_by).")
        if tag is not None and not TAG_PATTERN.fullmatch(tag):
            raise MailerError("--message-id-tag must be 1-64 letters, digits and -.")
        if not 1 <= batch <= 1000:
            raise MailerError("--batch must be between 1 and 1000.")
        if not 1 <= claim_timeout <= 86400:
            raise MailerError("--claim-timeout must be between 1 and 86400 seconds.")
        if not 1 <= poll_seconds <= 3600:
            raise MailerError("--poll-seconds must be between 1 and 3600.")
        host, port = parse_smtp(smtp)
        from_address, domain = address_domain(from_address or f"ssrlink@{socket.getfqdn()}")
        odbc = config.get("odbc") if isinstance(config, dict) else None
        if not isinstance(odbc, str) or not odbc:
            raise MailerError("The configuration has no \"odbc\" connection string.")
    except MailerError as error:
        print(f"ssrlink-host mail: {error}", file=out)
        return 2

    stop = Stop(log)
    outbox = mailer = None
    clean = True
    while True:
        try:
            if outbox is None:
                outbox = Outbox(pyodbc, odbc)
                if mailer is None:
                    mailer = Mailer(outbox, host, port, from_address, domain, name,
                                    tag or database_tag(outbox.identity), batch, claim_timeout,
                                    log, stop)
                    log(f"draining ssrlink_outbox ({outbox.dialect.name}, Message-ID tag "
                        f"{mailer.tag}) to {host}:{port}, batches of {batch}, claim timeout "
                        f"{claim_timeout} s" + (", once" if once else ""))
                mailer.outbox = outbox
            clean = mailer.drain() and clean
        except MailerError as error:
            print(f"ssrlink-host mail: {error}", file=out)
            return 2
        except pyodbc.Error as error:
            # The SQLSTATE and the driver's first line; the statements carry no row's values.
            state = error.args[0] if error.args else "?"
            text = str(error.args[1] if len(error.args) > 1 else "").split("\n")[0][:200]
            log(f"database error {state}: {text}")
            clean = False
            if outbox is not None:
                outbox.close()
                outbox = None
        if once or stop.requested:
            break
        stop.sleep(poll_seconds)
    if outbox is not None:
        outbox.close()
    if mailer is not None:
        log(f"stopped: {mailer.sent} sent, {mailer.not_sent} not sent")
    return 0 if stop.requested or clean else 1
