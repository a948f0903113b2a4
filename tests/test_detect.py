"""Behaviour table for quote detection (character level: no spaCy needed)."""
import pytest

from quotes.detect import detect
from quotes.segment import blocks


def found(text: str) -> list[str]:
    quotes, _ = detect(text, blocks(text))
    return [q.text for q in quotes]


@pytest.mark.parametrize(
    "text, expected",
    [
        # curly and straight double quotes
        ("\u201cWe will win,\u201d she said.", ["We will win,"]),
        ('"We will win," she said.', ["We will win,"]),
        # a curly open closed by a straight mark (a common typo)
        ("He called for calm \u201cwhen it matters.\" Then he left.", ["when it matters."]),
        # guillemets, German and Japanese styles
        ("Il a dit \u00abnous gagnerons\u00bb hier.", ["nous gagnerons"]),
        ("Er sagte \u201eWir schaffen das\u201c gestern.", ["Wir schaffen das"]),
        ("\u5f7c\u306f\u300c\u3084\u308b\u300d\u3068\u8a00\u3063\u305f\u3002", ["\u3084\u308b"]),
        # a single quoted word is a (partial) quote
        ("The ministry said it had \u201csuspended\u201d talks.", ["suspended"]),
        # single quotes in a headline
        ("'Protecting Jihadists': Foreign Minister", ["Protecting Jihadists"]),
        ("\u2018We are ready,\u2019 the mayor said.", ["We are ready,"]),
        # nested quotes: only the outer quote is reported, with the inner marks in its text
        ("\u201cShe told me \u2018never again\u2019 and left,\u201d he said.", ["She told me \u2018never again\u2019 and left,"]),
        # NYT style ''...'': two apostrophes are not a quote here, and a quote within one is no quote of its own
        ("''He took an ostrich 'head in the sand' approach,'' she said.", []),
        # a quote interrupted by its attribution is two stretches here (merged later, in attribution)
        ('"First part," he said, "second part."', ["First part,", "second part."]),
    ],
)
def test_quotes_found(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia's input and the ministers' decision don't matter.",  # apostrophes, plural possessive
        'The screen is 12" wide and the shelf 5\'11" high.',  # inches and feet
        "Rock'n'roll in the '90s was 'em all.",  # elisions
        "The U.S.\u2019 allies and Jones\u2019 dog.",  # curly possessives
        "",
        "   \n\n  ",
    ],
)
def test_not_quotes(text):
    assert found(text) == []


def test_multi_paragraph_quote_is_one_quote_with_a_segment_per_paragraph():
    text = "\u201cThe first paragraph goes on.\n\n\u201cThe second one too.\n\n\u201cAnd it ends here,\u201d he said.\n"
    quotes, warnings = detect(text, blocks(text))
    assert len(quotes) == 1 and warnings == []
    assert [s.text for s in quotes[0].segments] == ["The first paragraph goes on.", "The second one too.", "And it ends here,"]


def test_unclosed_quote_is_reported_with_a_warning():
    text = "He said \u201cthis never closes\n\nNext paragraph is plain."
    quotes, warnings = detect(text, blocks(text))
    assert [q.text for q in quotes] == ["this never closes"]
    assert quotes[0].unclosed and warnings[0].code == "unclosed-quote"


@pytest.mark.parametrize("text", ["a \u201cb\u201d c", "\u00ab x \u00bb", "x \u201cy\n\u201cz\u201d"])
def test_offsets_slice_the_input(text):
    quotes, _ = detect(text, blocks(text))
    for q in quotes:
        for s in q.segments:
            assert text[s.start:s.end] == s.text
