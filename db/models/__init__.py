"""Every table of Audit Panel. Import models from here."""

from db.models.action import Action, ActionUpdate
from db.models.audit import DEFAULT_TOOL_NAME, Audit, Domain, GradeLevel, Participation
from db.models.case import Case, CaseGrade, Escalation, FamilyView, Involvement, InvolvementGrade
from db.models.history import Amendment, HistoryEntry
from db.models.meeting import (
    AgendaItem,
    Attendance,
    DiscussionPoint,
    Finding,
    PanelMeeting,
    finding_domain,
)
from db.models.partnership import DEFAULT_MARKING, Agency, Partnership
from db.models.progress import CaseProgress, HeardSummary, PanelProgress

__all__ = [
    "DEFAULT_MARKING",
    "DEFAULT_TOOL_NAME",
    "Action",
    "ActionUpdate",
    "Agency",
    "AgendaItem",
    "Amendment",
    "Attendance",
    "Audit",
    "Case",
    "CaseGrade",
    "CaseProgress",
    "DiscussionPoint",
    "Domain",
    "Escalation",
    "FamilyView",
    "Finding",
    "GradeLevel",
    "HeardSummary",
    "HistoryEntry",
    "Involvement",
    "InvolvementGrade",
    "PanelMeeting",
    "PanelProgress",
    "Participation",
    "Partnership",
    "finding_domain",
]
