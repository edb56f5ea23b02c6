"""The learning briefing laid out as blocks, after the familial sexual abuse briefing:
background, methodology, further information, key points by domain, what to do now."""

from __future__ import annotations

from panel_app.documents import blocks as b
from panel_app.documents.model_briefing import BriefingModel


def briefing_blocks(model: BriefingModel) -> list[b.Block]:
    out: list[b.Block] = [b.Title(model.masthead), b.Text(model.introduction, "quote")]
    out += [b.Heading("Background", 1), b.Bullets(model.background)]
    out += [b.Heading("Methodology", 1), b.Bullets(model.methodology)]
    if model.agencies:
        rows = tuple((a.agency, a.audited, a.detail) for a in model.agencies)
        header = ("Agency", "Cases audited", "Not audited")
        out.append(b.Grid(header, rows, (0.42, 0.18, 0.40), small=True))
        out.append(b.Text("Not every case was known to every agency, or in its scope.", "small"))
    # Where the reference puts it: after the methodology, before the findings.
    out += [b.Heading("Further information", 1), *(b.Text(t) for t in model.further)]
    out.append(b.Heading("Key points", 1))
    if not model.key_points:
        out.append(b.Text("The panel recorded no findings."))
    for group in model.key_points:
        out += [b.Heading(group.domain, 3), b.Bullets(group.points)]
    out.append(b.Heading("What to do now", 1))
    if model.do_now:
        out.append(b.Numbered(model.do_now, ""))
    else:
        out.append(b.Text("No learning or recommendations were recorded."))
    return out
