"""The user's settings file: defaults, a round trip, and a damaged or foreign file."""

from __future__ import annotations

import json

import pytest

from panel_app import settings


def test_defaults_when_there_is_no_file() -> None:
    loaded = settings.load()
    assert loaded.user_name == "" and loaded.idle_lock_minutes == 15


def test_a_change_is_kept_and_unknown_keys_survive() -> None:
    settings.settings_path().write_text(json.dumps({"from_a_newer_version": [1, 2]}))
    settings.update(user_name="Zofia Łukasiewicz", idle_lock_minutes=5)
    again = settings.load()
    assert again.user_name == "Zofia Łukasiewicz" and again.idle_lock_minutes == 5
    stored = json.loads(settings.settings_path().read_text(encoding="utf-8"))
    assert stored["from_a_newer_version"] == [1, 2]


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"idle_lock_minutes": "ten"}'])
def test_a_damaged_file_or_a_wrong_value_gives_the_defaults(content: str) -> None:
    settings.settings_path().write_text(content)
    assert settings.load().idle_lock_minutes == 15


def test_a_flag_is_not_taken_for_a_number() -> None:
    settings.settings_path().write_text('{"idle_lock_minutes": true}')
    assert settings.load().idle_lock_minutes == 15


def test_an_unknown_setting_is_refused() -> None:
    with pytest.raises(KeyError, match="no setting"):
        settings.update(colour="blue")
