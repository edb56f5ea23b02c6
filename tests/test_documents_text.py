"""Text on its way into documents: cleaned, escaped, Arabic joined, CJK in its own font."""

from __future__ import annotations

from panel_app.documents import fonts
from panel_app.documents.arabic import visual_order
from panel_app.documents.model_summary import paragraphs
from panel_app.documents.text import clean, markup


def test_clean_drops_control_characters_and_keeps_lines() -> None:
    assert clean("a\x00b\x07c\x1b[0m\r\nd\re\tf\x0b\x0c\x7f\x9b") == "abc[0m\nd\ne    f"
    assert clean("one\n\n\n\n\ntwo") == "one\n\ntwo"
    assert clean(None) == "" and clean("  x  ") == "x"


def test_markup_shows_tags_and_ampersands_as_typed() -> None:
    assert markup("<b>x</b> & y < 3\nnext") == "&lt;b&gt;x&lt;/b&gt; &amp; y &lt; 3<br/>next"
    assert markup("&amp;") == "&amp;amp;"


def test_chinese_is_set_in_the_fallback_font() -> None:
    assert fonts.register(), "no CJK font on this machine (fonts-droid-fallback on Debian)"
    assert markup("Li 王小明 & co") == f'Li <font name="{fonts.FALLBACK}">王小明</font> &amp; co'


def test_arabic_is_joined_and_drawn_right_to_left() -> None:
    # سلام: seen initial, lam-alef ligature (final), meem alone; drawn from the right.
    assert visual_order("سلام") == "\ufee1\ufefc\ufeb3"
    # محمد: meem initial, hah medial, meem medial, dal final.
    assert visual_order("Dr محمد.") == "Dr \ufeaa\ufee4\ufea4\ufee3."
    assert visual_order("عائشة محمد") == "\ufeaa\ufee4\ufea4\ufee3 \ufe94\ufeb8\ufe8b\ufe8e\ufecb"
    assert visual_order("Zażółć 王") == "Zażółć 王"


def test_paragraphs_split_at_blank_lines_and_drop_typed_numbers() -> None:
    assert paragraphs("1.1 First.\n1.2 Second.\n\n2. Third\nstill third") == (
        "First.",
        "Second.",
        "2. Third\nstill third",
    )
    assert paragraphs("5 cases were chosen.\n\n\n") == ("5 cases were chosen.",)
