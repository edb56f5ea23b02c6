"""The closed vocabularies of the domain, stored as their string values."""

from __future__ import annotations

from enum import StrEnum


class AuditStatus(StrEnum):
    PLANNING = "planning"
    READY = "ready"
    IN_PANEL = "in_panel"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


class ParticipationStatus(StrEnum):
    PARTICIPATING = "participating"
    UNABLE = "unable"
    INVITED_NOT_INVOLVED = "invited_not_involved"


class Consent(StrEnum):
    SOUGHT = "sought"
    OBTAINED = "obtained"
    DECLINED = "declined"


class InvolvementStatus(StrEnum):
    AUDITED = "audited"
    OUT_OF_SCOPE = "out_of_scope"
    NOT_KNOWN = "not_known"
    NOT_OPEN = "not_open"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class Step(StrEnum):
    """The chair's steps through a case, in order; ``GENERAL`` is a point on no step."""

    INTRODUCTION = "introduction"
    AGENCY_SUMMARIES = "agency_summaries"
    FAMILY_VIEWS = "family_views"
    DISCUSSION = "discussion"
    GOOD_PRACTICE = "good_practice"
    LEARNING = "learning"
    ACTIONS = "actions"
    CONCLUSION = "conclusion"
    GENERAL = "general"


class FindingKind(StrEnum):
    GOOD_PRACTICE = "good_practice"
    LEARNING = "learning"
    THEME = "theme"
    AREA_FOR_DEVELOPMENT = "area_for_development"


class ActionKind(StrEnum):
    CASE_ACTION = "case_action"
    RECOMMENDATION = "recommendation"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_ACHIEVED = "not_achieved"
    SUPERSEDED = "superseded"


class ChangeKind(StrEnum):
    """What a row of the change history records."""

    ADDED = "added"
    CHANGED = "changed"
    DELETED = "deleted"
    APPROVED = "approved"
    REOPENED = "reopened"
    IMPORTED = "imported"


#: Statuses in which an action is still being worked on (and so can be overdue).
LIVE_ACTION_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})

LABELS: dict[str, str] = {
    "planning": "Planning",
    "ready": "Ready",
    "in_panel": "In panel",
    "follow_up": "Follow-up",
    "closed": "Closed",
    "participating": "Participating",
    "unable": "Unable to participate",
    "invited_not_involved": "Invited, not involved",
    "sought": "Sought",
    "obtained": "Obtained",
    "declined": "Declined",
    "audited": "Audited",
    "out_of_scope": "Out of scope",
    "not_known": "Not known",
    "not_open": "Not open",
    "present": "Present",
    "apologies": "Apologies",
    "absent": "Absent",
    "introduction": "Introduction",
    "agency_summaries": "Agency summaries",
    "family_views": "Family and child views",
    "discussion": "Discussion",
    "good_practice": "Good practice",
    "learning": "Learning",
    "actions": "Actions",
    "conclusion": "Conclusion",
    "general": "General",
    "theme": "Theme",
    "area_for_development": "Area for development",
    "case_action": "Case action",
    "recommendation": "Recommendation",
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "not_achieved": "Not achieved",
    "superseded": "Superseded",
}


def label(value: str) -> str:
    """The plain-English label of an enum value, for screens and documents."""
    return LABELS.get(str(value), str(value))
