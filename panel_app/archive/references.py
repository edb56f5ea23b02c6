"""Checks across the archive: every name a part of the document refers to must exist."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from panel_app.archive.schema import Problems


def _unique(entries: Iterable[tuple[str, str]], what: str, problems: Problems) -> set[str]:
    seen: set[str] = set()
    for path, name in entries:
        if not isinstance(name, str):
            continue
        key = name.strip().lower()
        if key in seen:
            problems.add(path, f"{what} '{name}' appears more than once")
        seen.add(key)
    return seen


def _known(path: str, name: Any, names: set[str], what: str, problems: Problems) -> None:
    if isinstance(name, str) and name.strip().lower() not in names:
        problems.add(path, f"'{name}' is not one of the {what} in this archive")


def check_references(doc: dict[str, Any], problems: Problems) -> None:
    tool = doc["audit"]["audit_tool"]
    domains = _unique(
        ((f"audit.audit_tool.domains[{i}].name", d["name"]) for i, d in enumerate(tool["domains"])),
        "The domain",
        problems,
    )
    labels = _unique(
        ((f"audit.audit_tool.scale[{i}].label", s["label"]) for i, s in enumerate(tool["scale"])),
        "The grade",
        problems,
    )
    agencies = _unique(
        ((f"agencies[{i}].name", a["name"]) for i, a in enumerate(doc["agencies"])),
        "The agency",
        problems,
    )
    cases = _unique(
        ((f"cases[{i}].pseudonym", c["pseudonym"]) for i, c in enumerate(doc["cases"])),
        "The pseudonym",
        problems,
    )

    def grades(path: str, given: dict[str, Any]) -> None:
        for domain, label in given.items():
            _known(f"{path}.{domain}", domain, domains, "audit tool's domains", problems)
            _known(f"{path}.{domain}", label, labels, "grades on the scale", problems)

    for i, case in enumerate(doc["cases"]):
        grades(f"cases[{i}].grades", case["grades"])
        _unique(
            (
                (f"cases[{i}].involvement[{j}].agency", inv["agency"])
                for j, inv in enumerate(case["involvement"])
            ),
            "The agency",
            problems,
        )
        for j, inv in enumerate(case["involvement"]):
            path = f"cases[{i}].involvement[{j}]"
            _known(f"{path}.agency", inv["agency"], agencies, "agencies", problems)
            grades(f"{path}.grades", inv["grades"])

    for i, meeting in enumerate(doc["meetings"]):
        for j, person in enumerate(meeting["attendance"]):
            path = f"meetings[{i}].attendance[{j}].agency"
            _known(path, person["agency"], agencies, "agencies", problems)
        _unique(
            (
                (f"meetings[{i}].agenda[{j}].case", item["case"])
                for j, item in enumerate(meeting["agenda"])
            ),
            "The case",
            problems,
        )
        for j, item in enumerate(meeting["agenda"]):
            _known(f"meetings[{i}].agenda[{j}].case", item["case"], cases, "cases", problems)

    for i, point in enumerate(doc["discussion"]):
        _known(f"discussion[{i}].case", point["case"], cases, "cases", problems)
        _known(f"discussion[{i}].agency", point["agency"], agencies, "agencies", problems)
    for i, finding in enumerate(doc["findings"]):
        _known(f"findings[{i}].case", finding["case"], cases, "cases", problems)
        for j, domain in enumerate(finding["domains"]):
            _known(f"findings[{i}].domains[{j}]", domain, domains, "audit tool's domains", problems)
    for i, action in enumerate(doc["actions"]):
        _known(f"actions[{i}].case", action["case"], cases, "cases", problems)
        if action["kind"] == "case_action" and action["case"] is None:
            problems.add(f"actions[{i}].case", "a case action must name its case")
    _history(doc, cases, problems)


def _history(doc: dict[str, Any], cases: set[str], problems: Problems) -> None:
    places = {"action": len(doc["actions"]), "amendment": len(doc["amendments"])}
    for i, entry in enumerate(doc["history"] or []):
        _known(f"history[{i}].case", entry["case"], cases, "cases", problems)
        for key, count in places.items():
            place = entry[key]
            if isinstance(place, int) and place >= count:
                problems.add(
                    f"history[{i}].{key}", f"there is no {key} {place} (the archive has {count})"
                )
