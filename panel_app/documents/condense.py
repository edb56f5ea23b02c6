"""Shortening the panel's findings for a briefing, as a business manager would by hand.

Nothing here rewrites what the panel said: it chooses whole sentences (the first of each
finding before the second of any), and only when one sentence alone is too long cuts it at a
clause, or failing that at a word, and says so with an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A sentence ends at . ! or ? (and any closing quote or bracket) before a space and a
# capital, digit or opening quote; not after an abbreviation such as "e.g." or "Dr.".
_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[A-Z0-9\"'“‘(])")
_ABBREVIATIONS = frozenset({"e.g.", "i.e.", "etc.", "dr.", "mr.", "mrs.", "ms.", "no.", "vs.",
                            "cf.", "st.", "approx.", "inc.", "ltd."})  # fmt: skip
# Where a sentence may be cut and still say its main clause: before a contrast or an aside.
_CLAUSE = re.compile(
    r";\s|\s[–—-]\s|,\s(?=(?:although|though|but|however|whilst|while|whereas|which)\b)"
)
#: A sentence up to this many times the limit is kept whole rather than cut off mid-thought.
_WHOLE = 1.75
# "Voice of the child/lived experiences: a range of methods..." -- a label before the finding.
_LABEL = re.compile(r"^([^.:;!?]{3,60}):\s+(?=[a-z])")
# What to do: "should", "must", "needs to", "is essential", "are to", "a need for"..., or a
# recommendation's "Schools to review..." (a subject of a few words, then "to"; not "...were
# used to" or "were known to", which tell what happened).
_DIRECTIVE = re.compile(
    r"\b(?:should|must|ought|needs? to|need for|ha(?:ve|s) to|(?:is|are) to|essential|crucial|"
    r"vital|important|always|never)\b"
    r"|^(?!(?:\S+\s){0,3}(?:was|were|is|are|been|be|had|has|have)\s)"
    r"(?:\S+\s){0,3}\S+(?<!ed)(?<!ing) to\s",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


def words(text: str) -> int:
    return len(text.split())


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each stripped; line breaks count as spaces."""
    flat = " ".join(text.split())
    if not flat:
        return []
    out: list[str] = []
    start = 0
    for match in _END.finditer(flat):
        piece = flat[start : match.start()]
        last = piece.rsplit(" ", 1)[-1].lower().lstrip("(\"'")
        if last in _ABBREVIATIONS or re.fullmatch(r"[a-z]\.", last):
            continue  # "e.g. Brook", "J. Smith": not the end of a sentence
        out.append(flat[start : match.end()].strip())
        start = match.end()
    out.append(flat[start:].strip())
    return [s for s in out if s]


def unlabelled(text: str) -> str:
    """The finding without a leading label ("Plans: had elements..." -> "Had elements...")."""
    match = _LABEL.match(text)
    if match is None:
        return text
    rest = text[match.end() :]
    return rest[:1].upper() + rest[1:]


def shorten(sentence: str, limit: int) -> str:
    """``sentence`` in about ``limit`` words: cut before a contrast or an aside that leaves
    at least half of them; else whole, unless far too long, when it is cut at a word with an
    ellipsis. (Cutting at any comma could leave a sentence without its verb.)"""
    if words(sentence) <= limit:
        return sentence
    head = " ".join(sentence.split()[:limit])
    cuts = [m.start() for m in _CLAUSE.finditer(head) if words(head[: m.start()]) >= limit / 2]
    if cuts:
        return head[: cuts[-1]].rstrip(" ,;:–—-") + "."
    if words(sentence) <= limit * _WHOLE:
        return sentence
    return head.rstrip(" ,;:–—-.") + "…"


def is_directive(sentence: str) -> bool:
    """True when the sentence says what to do ("should", "must", "ensure"...)."""
    return _DIRECTIVE.search(sentence) is not None


def action_sentence(text: str, limit: int) -> str:
    """The sentence of a finding that says what to do (its first, if none does), shortened."""
    found = sentences(unlabelled(text))
    if not found:
        return ""
    chosen = next((s for s in found if is_directive(s)), found[0])
    return shorten(chosen, limit)


_COMMON = frozenset({"that", "this", "with", "were", "have", "been", "from", "there", "their",
                     "they", "which", "when", "where", "should", "would", "could", "also",
                     "into", "within", "about", "them", "these", "those", "what"})  # fmt: skip


def _bag(text: str) -> set[str]:
    """The telling words: longer than three letters (any length in a script such as Chinese,
    whose words are written without spaces), not among the commonest."""
    return {
        w
        for w in _WORD.findall(text.lower())
        if (len(w) > 3 or not w.isascii()) and w not in _COMMON
    }


def repeats(text: str, said: Sequence[str]) -> bool:
    """True when ``text`` says much the same as something in ``said``: seven in ten of the
    telling words of the shorter of the two are in the other (all of them, if it has few)."""
    mine = _bag(text)
    for other in said:
        theirs = _bag(other)
        shared, fewer = len(mine & theirs), min(len(mine), len(theirs))
        if fewer and shared >= (fewer if fewer < 4 else 0.7 * fewer):
            return True
        if not mine and text.casefold() == other.casefold():
            return True
    return False


def choose(groups: Sequence[Sequence[str]], budget: int, skip: Sequence[str] = ()) -> list[str]:
    """Whole sentences from each group of findings, in at most about ``budget`` words; one
    string per group, its chosen sentences in the order written.

    Every group with anything to say gets its first sentence (cut short if it must), then
    first sentences of further findings, then second sentences, while the budget lasts.
    Sentences that repeat one of ``skip`` (said elsewhere in the briefing) are left out.
    """
    # (sentence number, finding number, group) -> sentence, for the order they are offered.
    offered: dict[tuple[int, int, int], str] = {}
    for group, findings in enumerate(groups):
        for finding, text in enumerate(findings):
            for number, sentence in enumerate(sentences(unlabelled(text))):
                if not repeats(sentence, skip):
                    offered[(number, finding, group)] = sentence
    share = max(budget // max(sum(1 for g in groups if g), 1), 20)
    chosen: dict[tuple[int, int, int], str] = {}
    cut: set[tuple[int, int]] = set()  # findings whose first sentence was cut short
    for group in range(len(groups)):
        first = min((key for key in offered if key[2] == group), default=None)
        if first is not None:
            chosen[first] = shorten(offered[first], share)
            if chosen[first] != offered[first]:
                cut.add((first[1], group))
    used = sum(words(s) for s in chosen.values())
    for key in sorted(offered):
        sentence = offered[key]
        if key in chosen or (key[1], key[2]) in cut or repeats(sentence, list(chosen.values())):
            continue
        if used + words(sentence) <= budget:
            chosen[key] = sentence
            used += words(sentence)
    out = []
    for group in range(len(groups)):
        keys = sorted((k for k in chosen if k[2] == group), key=lambda k: (k[1], k[0]))
        out.append(" ".join(chosen[k] for k in keys))
    return out
