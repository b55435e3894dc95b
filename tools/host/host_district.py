"""The host's own district: its students, schools and the people it can sign in as.

Read from the host tables (STU, CON, SCL) with Python's sqlite3: this is the SIS's business, not
ssrlink's, exactly as an SIS knows its own users. Who is signed in is chosen among the people the
database knows:
  - a parent: a parent-portal account (CON.PU), sent as viewer.user_id only; ssrlink finds the
    contacts it signs in as through ssrlink_portal_link, so a family account works for every
    child it is linked to, and a relative without educational rights or a parent of another
    child is refused;
  - a student: a student portal account (STU.PU), sent with that student's own ID;
  - a teacher or school office: the school codes they work at (SCL.SC);
  - district office staff and the district administrator: district-wide.
A sign-in the database does not hold is refused by the host before ssrlink is asked.
"""

import html
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field

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


def is_staff(person):
    """District and school office staff and the administrator: the staff pages are theirs."""
    return person is not None and person.viewer["role"] in ("admin", "staff")


def is_parent(person):
    return person is not None and person.viewer["role"] == "parent"


def actor_of(person):
    """The actor of a staff call (docs/abi.md, "Actors"): the plugin audits it by this."""
    actor = {"role": person.viewer["role"], "user_id": person.viewer["user_id"]}
    if person.viewer.get("school_codes"):
        actor["school_codes"] = person.viewer["school_codes"]
    return actor


def school_names(database):
    """(SC, NM) of every school, in code order."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        return db.execute("SELECT SC, NM FROM SCL ORDER BY SC").fetchall()
