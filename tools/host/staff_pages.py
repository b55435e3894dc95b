"""The staff side of the reference host: "3rd Party System Connections" (the TOMS credentials),
the Notification Manager and "Configure processing" (the settings, Run now and its progress).

Every page goes through the C ABI with the signed-in staff member as the actor, so the plugin
audits who did what; the host never reads or writes ssrlink's tables. Only district and school
office staff and the administrator get these pages (host_district.is_staff); anyone else gets a
refusal and no call is made. Every POST must carry the per-process form token (CSRF) and is
answered by a redirect to a GET page with a one-time status message (POST/redirect/GET), except
a form the plugin refused, which is shown again with the plugin's sentence in red beside it.
The Secret Key is read from the form and passed on, never put in a page, a message or a log.
"""

import html
import urllib.parse

from host_district import actor_of, is_staff, school_names
from host_layout import Response, flash_html, options, redirect, refusal

DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
MANAGER_FILTERS = ("school", "tag", "leave_before", "not_viewed", "no_email", "offset", "limit")
COUNTS = ("students_checked", "new_reports", "notices_queued", "no_email", "no_ssid",
          "duplicate_students", "duplicate_contacts")


def esc(value):
    return html.escape(str(value))


def first(form, name, default=""):
    return form.get(name, [default])[0]


def error_of(status, result):
    return result.get("error") or status


class StaffPages:
    """The staff routes. `shell(visit, title, content, intro=, refresh_seconds=)` wraps content
    in the host's page; `flashes` carries status messages over redirects; `token` is the CSRF
    token; `runner` runs Run now's sweep."""

    def __init__(self, plugin, database, shell, flashes, token, runner):
        self.plugin = plugin
        self.database = database
        self.shell = shell
        self.flashes = flashes
        self.token = token
        self.runner = runner

    # ---- shared -------------------------------------------------------------------------

    def refused(self, visit, title):
        """Not staff (or nobody the district knows): a clear page, no call to the plugin."""
        t = visit.t
        text = t("no_such_sign_in") if visit.person is None else t("staff_only")
        return Response(403, self.shell(visit, title, refusal(text)))

    def checked_post(self, visit, form, title):
        """A POST's gate: a staff sign-in and the form token. None when it may proceed."""
        if not is_staff(visit.person):
            return self.refused(visit, title)
        if not self.token.valid(form):
            return Response(403, self.shell(visit, title, refusal(visit.t("bad_token"))))
        return None

    def hidden(self, visit):
        """The sign-in, the language and the token, as every staff form sends them back."""
        return (f'<input type="hidden" name="as" value="{esc(visit.key)}">'
                f'<input type="hidden" name="lang" value="{esc(visit.language)}">'
                + self.token.field())

    def back(self, visit, path, ok, text):
        return redirect(visit.link(path, flash=self.flashes.put(ok, text)))

    def scope_label(self, visit, scope):
        t = visit.t
        return t("cr_scope_district") if scope == "district" else t("cr_scope_school", code=scope)

    # ---- 3rd Party System Connections ----------------------------------------------------

    def credentials(self, visit, query, error="", username="", scope="district"):
        t = visit.t
        title = t("cr_title")
        if not is_staff(visit.person):
            return self.refused(visit, title)
        status, result = self.plugin.call("credentials_status", {"actor": actor_of(visit.person)})
        if status != "SSRLINK_OK":
            stored = refusal(t("plugin_error", error=error_of(status, result)))
        elif not result.get("scopes"):
            stored = f"<p>{esc(t('cr_none'))}</p>"
        else:
            stored = "".join(self.scope_status(visit, row) for row in result["scopes"])
        scopes = [("district", t("cr_scope_district"))] + [
            (str(code), f"{t('cr_scope_school', code=code)}: {name}")
            for code, name in school_names(self.database)]
        message = flash_html(self.flashes.take(query)) + (refusal(error) if error else "")
        content = f"""<section aria-labelledby="cr-stored"><h2 id="cr-stored">{esc(t("cr_status"))}</h2>
{stored}</section>
<section aria-labelledby="cr-form"><h2 id="cr-form">{esc(t("cr_form"))}</h2>
{message}
<form class="host-form" method="post" action="/staff/credentials">{self.hidden(visit)}
<label>{esc(t("cr_scope"))}<select name="scope">{options(scopes, scope)}</select></label>
<label>{esc(t("cr_user"))}<input type="text" name="username" value="{esc(username)}" autocomplete="off" spellcheck="false"></label>
<label>{esc(t("cr_secret"))}<input type="password" name="secret_key" value="" autocomplete="new-password" aria-describedby="cr-secret-hint"></label>
<p class="host-hint" id="cr-secret-hint">{esc(t("cr_secret_hint"))}</p>
<label>{esc(t("cr_expires"))}<input type="text" name="expires_on" inputmode="numeric" placeholder="{esc(t("date_placeholder"))}" aria-describedby="cr-expires-hint"></label>
<p class="host-hint" id="cr-expires-hint">{esc(t("cr_expires_hint"))}</p>
<div class="host-buttons"><button type="submit" name="action" value="test">{esc(t("cr_test"))}</button>
<button type="submit" name="action" value="save">{esc(t("cr_save"))}</button></div>
</form></section>"""
        return Response(200, self.shell(visit, title, content, intro=t("cr_intro")))

    def scope_status(self, visit, row):
        """One stored pair as the status call gives it: masked, with expiry and warning."""
        t = visit.t
        secret = row.get("secret")
        if secret is None:
            secret = t("cr_secret_unreadable", error=row.get("seal_error", ""))
        items = [(t("cr_user"), row.get("username", "")), (t("cr_secret"), secret),
                 (t("cr_expires"), row.get("expires_on", "")),
                 (t("cr_days_left"), row.get("days_left", "")),
                 (t("cr_updated"), row.get("updated_at", ""))]
        body = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items)
        warning = (f'<p class="host-error">{esc(row["warning"])}</p>'
                   if row.get("warning") else "")
        heading = esc(self.scope_label(visit, row.get("scope", "")))
        return (f'<h3>{heading}</h3><dl class="host-scope" data-scope="{esc(row.get("scope", ""))}">'
                f"{body}</dl>{warning}")

    def credentials_post(self, visit, form):
        t = visit.t
        gate = self.checked_post(visit, form, t("cr_title"))
        if gate:
            return gate
        scope = first(form, "scope", "district")
        username = first(form, "username").strip()
        secret = first(form, "secret_key")
        expires_on = first(form, "expires_on").strip()
        actor = actor_of(visit.person)
        label = self.scope_label(visit, scope)
        if first(form, "action") == "test" and not secret:
            # Nothing typed: test the pair already saved for this scope.
            status, result = self.plugin.call("test_connection", {"scope": scope, "actor": actor})
            if status != "SSRLINK_OK":
                return self.credentials(visit, {}, error_of(status, result), username, scope)
            return self.back(visit, "/staff/credentials", bool(result.get("ok")),
                             t("cr_test_stored", scope=label, message=result.get("message", "")))
        if not username or not secret:
            return self.credentials(visit, {}, t("cr_need_user"), username, scope)
        pair = {"username": username, "secret_key": secret}
        if expires_on:
            pair["expires_on"] = expires_on
        if first(form, "action") == "test":
            ok, message = self.test_unsaved(scope, pair, actor)
            key = "cr_test_ok" if ok else "cr_test_failed"
            return self.back(visit, "/staff/credentials", ok, t(key, scope=label, message=message))
        status, result = self.plugin.call("credentials_put", {"scope": scope, **pair,
                                                              "actor": actor})
        if status != "SSRLINK_OK":
            return self.credentials(visit, {}, error_of(status, result), username, scope)
        return self.back(visit, "/staff/credentials", True, t("cr_saved", scope=label))

    def test_unsaved(self, scope, pair, actor):
        """Tests a typed pair before it replaces the saved one: ssrlink_test_connection with the
        user name and Secret Key asks ETS with that pair and stores nothing (docs/abi.md)."""
        status, result = self.plugin.call("test_connection", {
            "scope": scope, "username": pair["username"], "secret_key": pair["secret_key"],
            "actor": actor})
        if status != "SSRLINK_OK":
            return False, error_of(status, result)
        return bool(result.get("ok")), result.get("message", "")

    # ---- the Notification Manager --------------------------------------------------------

    def manager(self, visit, query):
        t = visit.t
        title = t("mg_title")
        if not is_staff(visit.person):
            return self.refused(visit, title)
        request = {"actor": actor_of(visit.person)}
        shown = {}  # the filters as the address spells them, for "back"
        for name in MANAGER_FILTERS:  # the fragment's own GET forms come back with these
            value = first(query, name).strip()
            if name in ("offset", "limit") and not value.isdigit():
                continue
            if not value:
                continue
            shown[name] = value
            if name in ("not_viewed", "no_email"):
                request[name] = value == "true"
            elif name in ("offset", "limit"):
                request[name] = int(value)
            else:
                request[name] = value
        own = self.own_school(visit)
        if own is not None:
            # A school office sees its own school's reports only, whatever the filter says:
            # the plugin lists the district, so the host narrows it (as an SIS scopes staff).
            request["school"] = shown["school"] = own
        # "back": the list's filters and page, so the redirect after Send notice returns to it.
        request["html"] = {"action_url": "/staff/notify",
                           "hidden": {"as": visit.key, "lang": visit.language,
                                      "csrf": self.token.value,
                                      "back": urllib.parse.urlencode(shown)},
                           "language": visit.host_lang}
        status, result = self.plugin.call("notifications_list", request)
        fragment = result.get("html") if status == "SSRLINK_OK" else None
        content = flash_html(self.flashes.take(query)) + (
            fragment or refusal(t("plugin_error", error=error_of(status, result))))
        return Response(200, self.shell(visit, title, content, intro=t("mg_intro")))

    def notify_post(self, visit, form):
        t = visit.t
        gate = self.checked_post(visit, form, t("mg_title"))
        if gate:
            return gate
        # Back to the list as it was: only the Manager's own filters are taken from "back".
        filters = {name: value[0] for name, value in
                   urllib.parse.parse_qs(first(form, "back")[:1024]).items()
                   if name in MANAGER_FILTERS}

        def back(ok, text):
            return redirect(visit.link("/staff/manager", **filters,
                                       flash=self.flashes.put(ok, text)))

        raw_id = first(form, "student_id")
        report_key = first(form, "report_key")
        student = self.student_name(visit, raw_id)
        if not raw_id.isdigit():
            return back(False, t("mg_failed", student=student, report=report_key,
                                 error="student_id"))
        own = self.own_school(visit)
        if own is not None and self.school_of(visit, raw_id) != own:
            # Only for a student of the office's own school (the host's STU.SC).
            return back(False, t("mg_failed", student=student, report=report_key,
                                 error=t("mg_other_school")))
        # No contact_sequence: every guardian the sweep would notify.
        status, result = self.plugin.call("notification_queue", {
            "student_id": int(raw_id), "report_key": report_key,
            "actor": actor_of(visit.person)})
        if status != "SSRLINK_OK":
            return back(False, t("mg_failed", student=student, report=report_key,
                                 error=error_of(status, result)))
        counts = {"notices": result.get("notices", 0),
                  "already": result.get("already_queued", 0),
                  "manual": result.get("manual_follow_up", 0)}
        key = "mg_queued" if result.get("queued") else "mg_not_queued"
        return back(bool(result.get("queued")),
                    t(key, student=student, report=report_key, **counts))

    @staticmethod
    def own_school(visit):
        """A school office's one school code; None for district staff and the administrator."""
        codes = visit.person.viewer.get("school_codes") or []
        return str(codes[0]) if len(codes) == 1 else None

    @staticmethod
    def school_of(visit, raw_id):
        return next((str(school) for sid, _fn, _ln, _grade, school in visit.district.students
                     if str(sid) == raw_id), None)

    def student_name(self, visit, raw_id):
        """The host's own name for a student (STU), for the status message."""
        for sid, fn, ln, _grade, _school in visit.district.students:
            if str(sid) == raw_id:
                return f"{fn} {ln} ({sid})"
        return raw_id

    # ---- Configure processing ------------------------------------------------------------

    def processing(self, visit, query, error="", shown=None):
        t = visit.t
        title = t("pr_title")
        if not is_staff(visit.person):
            return self.refused(visit, title)
        if shown is None:
            status, result = self.plugin.call("settings_get", {"actor": actor_of(visit.person)})
            if status != "SSRLINK_OK":
                content = refusal(t("plugin_error", error=error_of(status, result)))
                return Response(200, self.shell(visit, title, content))
            shown = result.get("settings", {})
        message = flash_html(self.flashes.take(query))
        content = message + self.settings_form(visit, shown, error) + self.run_form(visit)
        return Response(200 if not error else 422,
                        self.shell(visit, title, content, intro=t("pr_intro")))

    def settings_form(self, visit, settings, error):
        t = visit.t
        schedule = settings.get("schedule") or {}
        defaults = settings.get("sweep_defaults") or {}
        instructions = settings.get("parent_instructions") or {}
        recipients = settings.get("summary_recipients") or []
        days = "".join(
            f'<label class="host-check"><input type="checkbox" name="days" value="{day}"'
            + (" checked" if day in schedule.get("days", []) else "")
            + f">{esc(t('day_' + day))}</label>" for day in DAYS)

        def checked(on):
            return " checked" if on else ""

        concurrency = defaults.get("concurrency")
        error_html = (f'<p class="host-error" role="alert" id="pr-error">'
                      f'{esc(t("pr_error", error=error))}</p>') if error else ""
        described = ' aria-describedby="pr-error"' if error else ""
        return f"""<form class="host-form" method="post" action="/staff/processing"{described}>{self.hidden(visit)}
{error_html}
<fieldset><legend>{esc(t("pr_schedule"))}</legend>
<label class="host-check"><input type="checkbox" name="enabled" value="true"{checked(schedule.get("enabled"))}>{esc(t("pr_enabled"))}</label>
<fieldset><legend>{esc(t("pr_days"))}</legend><div class="host-days">{days}</div></fieldset>
<label>{esc(t("pr_time"))}<input type="text" name="time" value="{esc(schedule.get("time", ""))}" inputmode="numeric" placeholder="02:30"></label>
<label>{esc(t("pr_time_zone"))}<input type="text" name="time_zone" value="{esc(schedule.get("time_zone", ""))}" spellcheck="false"></label>
</fieldset>
<fieldset><legend>{esc(t("pr_defaults"))}</legend>
<label class="host-check"><input type="checkbox" name="include_previous_year" value="true"{checked(defaults.get("include_previous_year"))}>{esc(t("pr_previous_year"))}</label>
<label>{esc(t("pr_leave_before"))}<input type="text" name="skip_leave_before" value="{esc(defaults.get("skip_leave_before") or "")}" placeholder="{esc(t("date_placeholder"))}"></label>
<label>{esc(t("pr_skip_tags"))}<input type="text" name="skip_tags" value="{esc(", ".join(defaults.get("skip_tags") or []))}"></label>
<label>{esc(t("pr_concurrency"))}<input type="text" name="concurrency" inputmode="numeric" value="{esc("" if concurrency is None else concurrency)}"></label>
</fieldset>
<fieldset><legend>{esc(t("pr_recipients"))}</legend>
<label>{esc(t("pr_recipients_label"))}<textarea name="summary_recipients" rows="3">{esc(chr(10).join(recipients))}</textarea></label>
</fieldset>
<fieldset><legend>{esc(t("pr_instructions"))}</legend>
<label>{esc(t("pr_instructions_en"))}<textarea name="instructions_en" rows="4">{esc(instructions.get("en", ""))}</textarea></label>
<label>{esc(t("pr_instructions_es"))}<textarea name="instructions_es" rows="4">{esc(instructions.get("es", ""))}</textarea></label>
</fieldset>
<div class="host-buttons"><button type="submit">{esc(t("pr_save"))}</button></div>
</form>"""

    def run_form(self, visit):
        t = visit.t
        last = ""
        if self.runner.snapshot().get("state") != "idle":
            last = (f'<p><a href="{esc(visit.link("/staff/processing/run"))}">'
                    f'{esc(t("pr_last_run"))}</a></p>')
        return f"""<section aria-labelledby="pr-run"><h2 id="pr-run">{esc(t("pr_run_title"))}</h2>
<p>{esc(t("pr_run_intro"))}</p>{last}
<form class="host-form" method="post" action="/staff/processing/run">{self.hidden(visit)}
<div class="host-buttons"><button type="submit">{esc(t("pr_run"))}</button></div></form></section>"""

    @staticmethod
    def settings_from_form(form, current):
        """The put's settings from the form. parent_instructions keeps the languages this page
        does not edit (a put replaces a key whole)."""
        defaults = {"include_previous_year": first(form, "include_previous_year") == "true"}
        if first(form, "skip_leave_before").strip():
            defaults["skip_leave_before"] = first(form, "skip_leave_before").strip()
        defaults["skip_tags"] = [tag.strip() for tag in first(form, "skip_tags").split(",")
                                 if tag.strip()]
        concurrency = first(form, "concurrency").strip()
        if concurrency:
            # A number goes as a number; anything else as typed, for the plugin to refuse.
            defaults["concurrency"] = int(concurrency) if concurrency.isdigit() else concurrency
        instructions = dict((current or {}).get("parent_instructions") or {})
        for language in ("en", "es"):
            text = first(form, "instructions_" + language).strip()
            if text:
                instructions[language] = text
            else:
                instructions.pop(language, None)
        return {
            "schedule": {"enabled": first(form, "enabled") == "true",
                         "days": [day for day in DAYS if day in form.get("days", [])],
                         "time": first(form, "time").strip(),
                         "time_zone": first(form, "time_zone").strip()},
            "sweep_defaults": defaults,
            "summary_recipients": [line.strip() for line in
                                   first(form, "summary_recipients").splitlines() if line.strip()],
            "parent_instructions": instructions,
        }

    def processing_post(self, visit, form):
        t = visit.t
        gate = self.checked_post(visit, form, t("pr_title"))
        if gate:
            return gate
        actor = actor_of(visit.person)
        status, current = self.plugin.call("settings_get", {"actor": actor})
        if status != "SSRLINK_OK":
            return self.processing(visit, {}, error_of(status, current))
        settings = self.settings_from_form(form, current.get("settings"))
        status, result = self.plugin.call("settings_put", {"actor": actor, "settings": settings})
        if status != "SSRLINK_OK":
            # Shown again as typed, with the plugin's sentence (it names the key).
            return self.processing(visit, {}, error_of(status, result), shown=settings)
        return self.back(visit, "/staff/processing", True, t("pr_saved"))

    # ---- Run now and its progress --------------------------------------------------------

    def run_post(self, visit, form):
        t = visit.t
        gate = self.checked_post(visit, form, t("pr_title"))
        if gate:
            return gate
        request = {"scope": "district", "actor": actor_of(visit.person)}
        if not self.runner.start(self.plugin, request, len(visit.district.students)):
            return self.back(visit, "/staff/processing/run", False, t("pr_running_already"))
        return redirect(visit.link("/staff/processing/run"))

    def progress(self, visit, query):
        t = visit.t
        title = t("rn_title")
        if not is_staff(visit.person):
            return self.refused(visit, title)
        state = self.runner.snapshot()
        message = flash_html(self.flashes.take(query))
        back = (f'<p><a href="{esc(visit.link("/staff/processing"))}">'
                f'{esc(t("rn_back"))}</a></p>')
        refresh = None
        if state["state"] == "idle":
            body = f"<p>{esc(t('rn_idle'))}</p>"
        elif state["state"] == "running":
            checked = int(state.get("progress", {}).get("students_checked", 0))
            total = max(int(state.get("total", 0)), checked, 1)
            body = (f'<p role="status">{esc(t("rn_running", checked=checked, total=total))}</p>'
                    + self.bar(t, checked, total))
            refresh = 1
        elif state["state"] == "done":
            result = state["result"]
            checked = int(result.get("students_checked", 0))
            body = (f'<p role="status">{esc(t("rn_done", seconds=state["seconds"]))}</p>'
                    + self.bar(t, checked, max(checked, 1)) + self.summary(t, result))
        else:
            body = (f'<p class="host-error" role="alert">'
                    f'{esc(t("rn_failed", error=state.get("error", "")))}</p>')
        return Response(200, self.shell(visit, title, message + body + back,
                                        refresh_seconds=refresh))

    @staticmethod
    def bar(t, value, maximum):
        return (f'<label for="rn-bar">{esc(t("rn_progress"))}</label>'
                f'<progress id="rn-bar" max="{maximum}" value="{min(value, maximum)}">'
                f"{value} / {maximum}</progress>")

    @staticmethod
    def summary(t, result):
        """The sweep result's counts, as the completion summary gives them."""
        rows = [(t("count_" + name), result.get(name, 0)) for name in COUNTS]
        errors = result.get("errors") or {}
        rows += [(t("count_errors", kind=kind), n) for kind, n in sorted(errors.items())]
        if not errors:
            rows.append((t("count_no_errors"), 0))
        body = "".join(f'<dt>{esc(k)}</dt><dd data-count="{esc(name)}">{esc(v)}</dd>'
                       for (k, v), name in zip(rows, list(COUNTS) + [
                           "errors_" + kind for kind in sorted(errors)] + (
                           [] if errors else ["errors"])))
        return (f'<section aria-labelledby="rn-summary"><h2 id="rn-summary">'
                f'{esc(t("rn_summary"))}</h2><dl class="host-scope">{body}</dl></section>')
