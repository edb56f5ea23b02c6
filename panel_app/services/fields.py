"""Field validators: each turns what a screen or a file gives into a clean value, or raises
``DomainError`` with a message that names the field in plain English."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, TypeVar

from db.base import LONG_TEXT, SHORT_TEXT
from db.enums import label as enum_label
from panel_app.dates import parse_date
from panel_app.errors import DomainError

Validator = Callable[[Any], Any]
Spec = Mapping[str, Validator]
E = TypeVar("E", bound=StrEnum)


#: Control characters (a paste from a terminal or a PDF brings them) mean nothing in typed
#: text, PostgreSQL cannot store NUL, and a lone surrogate cannot be written as UTF-8: all go.
#: Tab and line breaks stay.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: object, name: str, *, limit: int, required: bool, field: str) -> str:
    """Text as stored: control characters removed, line ends made plain (Windows pastes
    bring \r\n), and for one-line fields every run of spaces and breaks made one space."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(f"{name} must be text.", field)
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
    text = _CONTROL.sub("", text)
    if limit == SHORT_TEXT:
        text = " ".join(text.split())
    if required and not text.strip():
        raise DomainError(f"{name} cannot be empty.", field)
    if len(text) > limit:
        raise DomainError(
            f"{name} is {len(text):,} characters long; it can hold at most {limit:,}. "
            "Shorten it and try again.",
            field,
        )
    return text


def short(name: str, field: str, *, required: bool = False) -> Validator:
    """One line: names, titles, owners. Runs of spaces and line breaks become one space."""
    return lambda value: clean_text(value, name, limit=SHORT_TEXT, required=required, field=field)


def long(name: str, field: str, *, required: bool = False) -> Validator:
    """Free text: summaries, notes, findings. Line breaks are kept."""
    return lambda value: clean_text(value, name, limit=LONG_TEXT, required=required, field=field)


def optional_date(name: str, field: str) -> Validator:
    def check(value: object) -> date | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return parse_date(value)
            except DomainError as error:
                raise DomainError(f"{name}: {error.message}", field) from None
        raise DomainError(f"{name} must be a date.", field)

    return check


def required_date(name: str, field: str) -> Validator:
    optional = optional_date(name, field)

    def check(value: object) -> date:
        result = optional(value)
        if result is None:
            raise DomainError(f"{name} cannot be empty.", field)
        return result  # type: ignore[no-any-return]

    return check


def optional_time(name: str, field: str) -> Validator:
    def check(value: object) -> time | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, time):
            return value.replace(second=0, microsecond=0)
        if isinstance(value, str):
            try:
                return datetime.strptime(value.strip().replace(".", ":"), "%H:%M").time()
            except ValueError:
                raise DomainError(
                    f"{name}: '{value}' is not a time of day. Type it as 09:30 or 14:00.", field
                ) from None
        raise DomainError(f"{name} must be a time of day.", field)

    return check


def timestamp(name: str, field: str) -> Validator:
    def check(value: object) -> datetime:
        if value is None:
            return datetime.now().replace(microsecond=0)
        if isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                raise DomainError(f"{name}: '{value}' is not a date and time.", field) from None
        raise DomainError(f"{name} must be a date and time.", field)

    return check


def choice(enum_cls: type[E], name: str, field: str) -> Validator:
    def check(value: object) -> E:
        if isinstance(value, enum_cls):
            return value
        try:
            return enum_cls(str(value))
        except ValueError:
            allowed = ", ".join(enum_label(member.value) for member in enum_cls)
            raise DomainError(f"{name}: '{value}' is not one of {allowed}.", field) from None

    return check


def flag(name: str, field: str) -> Validator:
    def check(value: object) -> bool:
        if isinstance(value, bool):
            return value
        raise DomainError(f"{name} must be yes or no.", field)

    return check


def whole_number(name: str, field: str, lowest: int, highest: int) -> Validator:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise DomainError(f"{name} must be a whole number.", field)
        try:
            number = int(value)
        except ValueError:
            raise DomainError(f"{name}: '{value}' is not a whole number.", field) from None
        if not lowest <= number <= highest:
            raise DomainError(f"{name} must be between {lowest} and {highest}.", field)
        return number

    return check


def colour(name: str, field: str) -> Validator:
    def check(value: object) -> str:
        text = str(value or "").strip()
        digits = text[1:]
        if (
            len(text) != 7
            or text[0] != "#"
            or any(c not in "0123456789abcdefABCDEF" for c in digits)
        ):
            raise DomainError(f"{name}: '{value}' is not a colour such as #2E7D32.", field)
        return text.upper()

    return check


def apply(target: object, spec: Spec, values: Mapping[str, Any]) -> None:
    """Validate every value first, then set them: a bad field leaves the object as it was."""
    unknown = set(values) - set(spec)
    if unknown:
        raise TypeError(f"unknown fields for {type(target).__name__}: {sorted(unknown)}")
    cleaned = {key: spec[key](value) for key, value in values.items()}
    for key, value in cleaned.items():
        setattr(target, key, value)
