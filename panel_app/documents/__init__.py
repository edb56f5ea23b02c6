"""The documents an audit produces (minutes, executive summary, learning briefing, case
summaries, participation table), each built as a model from the services and rendered to
PDF with reportlab or to Word with python-docx.

    export_document(session, kind, audit_id, path, *, draft=None) -> Path   (export.py)
    minutes_model(session, audit_id, *, draft=None)                          (model_minutes.py)
    summary_model / briefing_model / case_summaries_model(session, audit_id)

For a print preview, build a model and lay it out: ``layout_*.py`` turn a model into blocks
that ``pdf_render`` and ``docx_render`` draw. Names are imported lazily, so modules of this
package can import each other without going through this file.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "export_document": "export",
    "WRITERS": "export",
    "minutes_model": "model_minutes",
    "summary_model": "model_summary",
    "briefing_model": "model_briefing",
    "case_summaries_model": "model_cases",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
