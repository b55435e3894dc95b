""""All my students": a parent portal account's page with every student linked to it.

ssrlink_reports with the parent viewer and no student_id: the plugin finds the children through
ssrlink_portal_link and answers one section per child, each under the rules of a single page
(docs/abi.md, ssrlink_reports). The host sends only who is signed in; it does not choose the
children. Anyone but a parent gets a refusal and the plugin is not asked.
"""

import html
import urllib.parse

from host_district import is_parent
from host_layout import Response, refusal


def family(plugin, shell, visit, query):
    t = visit.t
    title = t("fm_title")
    if not is_parent(visit.person):
        text = t("no_such_sign_in") if visit.person is None else t("parent_only")
        return Response(403, shell(visit, title, refusal(text)))
    viewer = {**visit.person.viewer, "permitted": True}
    base = {"as": visit.key, "lang": visit.language}
    request = {"page": "test_scores", "ui_language": visit.language, "viewer": viewer,
               "refresh": query.get("refresh", ["0"])[0] == "1",
               "refresh_url": "/family?" + urllib.parse.urlencode({**base, "refresh": 1})}
    status, result = plugin.call("reports", request)
    fragment = result.get("html") or refusal(
        t("plugin_error", error=result.get("error", status)))
    footer = (f"ssrlink status {html.escape(status)}, outcome "
              f"{html.escape(str(result.get('outcome')))}, "
              f"{html.escape(str(len(result.get('students', []))))} student(s).")
    return Response(200, shell(visit, title, fragment, intro=t("fm_intro"), footer=footer))
