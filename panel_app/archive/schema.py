"""The archive's shape (docs/archive-format.md), and a checker that names every problem by its
path in the document: ``cases[2].involvement[1].status: 'maybe' is not one of …``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from db.base import LONG_TEXT, SHORT_TEXT
from db.enums import (
    ActionKind,
    ActionStatus,
    AttendanceStatus,
    AuditStatus,
    ChangeKind,
    Consent,
    FindingKind,
    InvolvementStatus,
    ParticipationStatus,
    Step,
)
from panel_app.services.audit_tool import DEFAULT_DOMAINS, OFSTED_SCALE

FORMAT = "audit-panel-audit"
#: The version written; every version up to it is read (version 1 had no history).
VERSION = 2

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class Problems(list[str]):
    def add(self, path: str, message: str) -> None:
        self.append(f"{path}: {message}" if path else message)


class Kind:
    """One type of value; ``check`` returns the value to import, or records a problem."""

    def check(self, value: Any, path: str, problems: Problems) -> Any:
        raise NotImplementedError


@dataclass
class Text(Kind):
    limit: int = LONG_TEXT
    required: bool = False

    def check(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, str):
            problems.add(path, f"{_show(value)} is not text")
        elif self.required and not value.strip():
            problems.add(path, "is empty, but it must be filled in")
        elif len(value) > self.limit:
            problems.add(
                path, f"text of {len(value):,} characters is over the {self.limit:,} allowed"
            )
        return value


SHORT = Text(SHORT_TEXT)
LONG = Text(LONG_TEXT)
#: A name that identifies something (a pseudonym, an agency): it cannot be blank.
NAME = Text(SHORT_TEXT, required=True)


@dataclass
class Choice(Kind):
    values: type[StrEnum]

    def check(self, value: Any, path: str, problems: Problems) -> Any:
        allowed = [member.value for member in self.values]
        if value not in allowed:
            problems.add(path, f"{_show(value)} is not one of {', '.join(allowed)}")
        return value


class Version(Kind):
    def check(self, value: Any, path: str, problems: Problems) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= VERSION:
            problems.add(path, f"{_show(value)} is not a format version this app reads")
        return value


@dataclass
class Exactly(Kind):
    value: Any

    def check(self, value: Any, path: str, problems: Problems) -> Any:
        if value != self.value:
            problems.add(path, f"{_show(value)} is not {_show(self.value)}")
        return value


class Boolean(Kind):
    def check(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, bool):
            problems.add(path, f"{_show(value)} is not true or false")
        return value


@dataclass
class Whole(Kind):
    lowest: int
    highest: int

    def check(self, value: Any, path: str, problems: Problems) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            problems.add(path, f"{_show(value)} is not a whole number")
        elif not self.lowest <= value <= self.highest:
            problems.add(path, f"{value} is not between {self.lowest} and {self.highest}")
        return value


class IsoDate(Kind):
    def check(self, value: Any, path: str, problems: Problems) -> Any:
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            problems.add(path, f"{_show(value)} is not a date written as YYYY-MM-DD")
            return None


class IsoTime(Kind):
    def check(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, str) or not _TIME.match(value):
            problems.add(path, f"{_show(value)} is not a time written as HH:MM")
        return value


class Timestamp(Kind):
    def check(self, value: Any, path: str, problems: Problems) -> Any:
        try:
            if not isinstance(value, str) or len(value) != 19:
                raise ValueError
            return datetime.fromisoformat(value)
        except ValueError:
            problems.add(path, f"{_show(value)} is not a timestamp written as YYYY-MM-DDTHH:MM:SS")
            return None


class Colour(Kind):
    def check(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, str) or not _COLOUR.match(value):
            problems.add(path, f"{_show(value)} is not a colour written as #RRGGBB")
        return value


@dataclass
class Nullable(Kind):
    inner: Kind

    def check(self, value: Any, path: str, problems: Problems) -> Any:
        return None if value is None else self.inner.check(value, path, problems)


@dataclass
class ListOf(Kind):
    item: Kind

    def check(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, list):
            problems.add(path, f"{_show(value)} is not a list")
            return []
        return [self.item.check(entry, f"{path}[{i}]", problems) for i, entry in enumerate(value)]


@dataclass
class MapOf(Kind):
    """An object whose keys are names (domain names) and whose values are of one kind."""

    value: Kind

    def check(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, dict):
            problems.add(path, f"{_show(value)} is not an object")
            return {}
        return {
            key: self.value.check(item, f"{path}.{key}", problems) for key, item in value.items()
        }


_REQUIRED = object()


@dataclass
class F:
    """A field of an object: its kind and its default (``_REQUIRED`` when it must be given)."""

    kind: Kind
    default: Any = _REQUIRED


@dataclass
class Obj(Kind):
    fields: dict[str, F] = field(default_factory=dict)

    def check(self, value: Any, path: str, problems: Problems) -> Any:
        if not isinstance(value, dict):
            problems.add(path, f"{_show(value)} is not an object")
            return {}
        result: dict[str, Any] = {}
        for key in value.keys() - self.fields.keys():
            problems.add(_join(path, key), "is not a field of this format (a typo?)")
        for key, spec in self.fields.items():
            where = _join(path, key)
            if key in value:
                result[key] = spec.kind.check(value[key], where, problems)
            elif spec.default is _REQUIRED:
                problems.add(where, "is missing")
            elif isinstance(spec.kind, Obj):
                result[key] = spec.kind.check(dict(spec.default), where, problems)
            else:
                result[key] = _fresh(spec.default)
        return result


def _fresh(default: Any) -> Any:
    """A copy of a default, so that no two imports share one list."""
    if isinstance(default, list):
        return [dict(entry) if isinstance(entry, dict) else entry for entry in default]
    return dict(default) if isinstance(default, dict) else default


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


GRADES = MapOf(SHORT)
OPTIONAL_DATE = F(Nullable(IsoDate()), None)

DOCUMENT = Obj(
    {
        "format": F(Exactly(FORMAT)),
        "version": F(Version()),
        "partnership": F(
            Obj(
                {
                    "name": F(NAME),
                    "protective_marking": F(SHORT, "OFFICIAL-SENSITIVE"),
                    "business_manager": F(SHORT, ""),
                    "business_manager_title": F(SHORT, "Business Manager"),
                }
            )
        ),
        "audit": F(
            Obj(
                {
                    "theme": F(NAME),
                    "title": F(NAME),
                    "panel_date": OPTIONAL_DATE,
                    "scope_start": OPTIONAL_DATE,
                    "scope_end": OPTIONAL_DATE,
                    "scope_description": F(SHORT, ""),
                    "introduction": F(LONG, ""),
                    "rationale": F(LONG, ""),
                    "methodology": F(LONG, ""),
                    "process": F(LONG, ""),
                    "status": F(Choice(AuditStatus), "planning"),
                    "archived": F(Boolean(), False),
                    "minutes_approved_on": OPTIONAL_DATE,
                    "minutes_approved_by": F(SHORT, ""),
                    "audit_tool": F(
                        Obj(
                            {
                                "name": F(SHORT, "Multi-agency case audit tool"),
                                "graded": F(Boolean(), True),
                                "domains": F(
                                    ListOf(Obj({"name": F(NAME), "description": F(LONG, "")})),
                                    [{"name": name, "description": ""} for name in DEFAULT_DOMAINS],
                                ),
                                "scale": F(
                                    ListOf(
                                        Obj({"label": F(NAME), "colour": F(Colour(), "#808080")})
                                    ),
                                    [
                                        {"label": label, "colour": colour}
                                        for label, colour in OFSTED_SCALE
                                    ],
                                ),
                            }
                        ),
                        {},
                    ),
                }
            )
        ),
        "agencies": F(
            ListOf(
                Obj(
                    {
                        "name": F(NAME),
                        "short_name": F(SHORT, ""),
                        "status": F(Choice(ParticipationStatus)),
                        "reason": F(LONG, ""),
                        "lead_auditor": F(
                            Obj(
                                {"name": F(SHORT, ""), "role": F(SHORT, ""), "email": F(SHORT, "")}
                            ),
                            {"name": "", "role": "", "email": ""},
                        ),
                    }
                )
            ),
            [],
        ),
        "cases": F(
            ListOf(
                Obj(
                    {
                        "pseudonym": F(NAME),
                        "consent": F(Choice(Consent), "sought"),
                        "discussed": F(Boolean(), False),
                        "age_band": F(SHORT, ""),
                        "gender": F(SHORT, ""),
                        "ethnicity": F(SHORT, ""),
                        "disability": F(SHORT, ""),
                        "key_facts": F(LONG, ""),
                        "conclusion": F(LONG, ""),
                        "grades": F(GRADES, {}),
                        "involvement": F(
                            ListOf(
                                Obj(
                                    {
                                        "agency": F(NAME),
                                        "status": F(Choice(InvolvementStatus)),
                                        "summary": F(LONG, ""),
                                        "strengths": F(LONG, ""),
                                        "areas_for_development": F(LONG, ""),
                                        "grades": F(GRADES, {}),
                                    }
                                )
                            ),
                            [],
                        ),
                        "family_views": F(
                            ListOf(
                                Obj(
                                    {
                                        "speaker": F(SHORT, ""),
                                        "text": F(LONG),
                                        "verbatim": F(Boolean(), False),
                                    }
                                )
                            ),
                            [],
                        ),
                        "escalation": F(
                            Nullable(
                                Obj(
                                    {
                                        "note": F(LONG),
                                        "raised_on": OPTIONAL_DATE,
                                        "outcome": F(LONG, ""),
                                        "resolved_on": OPTIONAL_DATE,
                                    }
                                )
                            ),
                            None,
                        ),
                    }
                )
            ),
            [],
        ),
        "meetings": F(
            ListOf(
                Obj(
                    {
                        "date": F(Nullable(IsoDate()), None),
                        "start_time": F(Nullable(IsoTime()), None),
                        "end_time": F(Nullable(IsoTime()), None),
                        "location": F(SHORT, ""),
                        "chair": F(SHORT, ""),
                        "minute_taker": F(SHORT, ""),
                        "default_minutes": F(Whole(1, 240), 30),
                        "attendance": F(
                            ListOf(
                                Obj(
                                    {
                                        "name": F(NAME),
                                        "agency": F(Nullable(SHORT), None),
                                        "role": F(SHORT, ""),
                                        "status": F(Choice(AttendanceStatus), "present"),
                                    }
                                )
                            ),
                            [],
                        ),
                        "agenda": F(
                            ListOf(Obj({"case": F(NAME), "minutes": F(Whole(1, 240), 30)})), []
                        ),
                    }
                )
            ),
            [],
        ),
        "discussion": F(
            ListOf(
                Obj(
                    {
                        "case": F(Nullable(SHORT), None),
                        "step": F(Choice(Step), "discussion"),
                        "agency": F(Nullable(SHORT), None),
                        "text": F(LONG),
                        "recorded_at": F(Timestamp()),
                    }
                )
            ),
            [],
        ),
        "findings": F(
            ListOf(
                Obj(
                    {
                        "case": F(Nullable(SHORT), None),
                        "kind": F(Choice(FindingKind)),
                        "text": F(LONG),
                        "domains": F(ListOf(SHORT), []),
                        "theme": F(SHORT, ""),
                    }
                )
            ),
            [],
        ),
        "actions": F(
            ListOf(
                Obj(
                    {
                        "case": F(Nullable(SHORT), None),
                        "kind": F(Choice(ActionKind)),
                        "text": F(LONG),
                        "owner": F(SHORT, ""),
                        "due_date": OPTIONAL_DATE,
                        "review_date": OPTIONAL_DATE,
                        "status": F(Choice(ActionStatus), "open"),
                        "evidence": F(LONG, ""),
                        "updates": F(ListOf(Obj({"date": F(IsoDate()), "text": F(LONG)})), []),
                    }
                )
            ),
            [],
        ),
        "amendments": F(
            ListOf(Obj({"made_at": F(Timestamp()), "made_by": F(SHORT, ""), "reason": F(LONG)})),
            [],
        ),
        # None (not []) when absent: an archive from before the history was kept.
        "history": F(
            ListOf(
                Obj(
                    {
                        "made_at": F(Timestamp()),
                        "made_by": F(SHORT, ""),
                        "operation": F(Choice(ChangeKind)),
                        "kind": F(NAME),
                        "case": F(Nullable(SHORT), None),
                        "action": F(Nullable(Whole(0, 1_000_000)), None),
                        "subject": F(SHORT, ""),
                        "field": F(SHORT, ""),
                        "old": F(Nullable(LONG), None),
                        "new": F(Nullable(LONG), None),
                        "amendment": F(Nullable(Whole(0, 1_000_000)), None),
                    }
                )
            ),
            None,
        ),
    }
)
