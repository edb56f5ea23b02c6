"""Agency returns by spreadsheet: a workbook per agency for lead auditors who cannot use the
app, and reading the filled-in workbook back as a plan of changes the user confirms.

- ``generate_return`` / ``generate_returns`` write the workbooks (``generate``, ``sheets``),
  for the agencies and cases ``scope`` picks;
- ``read_return`` checks a returned file whole and gives a ``ReturnPlan`` (``read``, which
  opens it with ``files`` and reads each case sheet with ``answers``);
- ``apply_return`` writes a confirmed plan through the services (``plan``);
- ``workbook`` and ``metadata`` hold the layout both sides share.
"""

from panel_app.returns.generate import generate_return, generate_returns
from panel_app.returns.plan import GradeChange, ReturnError, ReturnPlan, TextChange, apply_return
from panel_app.returns.read import read_return

__all__ = [
    "GradeChange",
    "ReturnError",
    "ReturnPlan",
    "TextChange",
    "apply_return",
    "generate_return",
    "generate_returns",
    "read_return",
]
