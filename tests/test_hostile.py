"""Hostile inputs: every one ends in a valid result or a one-line error naming the reason, never a traceback.

Library level: quotes.extract for text, quotes.inputs.decode / read for bytes and files.
"""
from __future__ import annotations

import time

import pytest
from test_properties import check

import quotes
from quotes.inputs import Document, InputError, decode, expand, needs_text, read


@pytest.fixture(scope="module", autouse=True)
def _model():
    from quotes import model

    model.load(None)  # the pipeline quotes.extract uses, loaded once


def ok(text: str, **kw) -> quotes.Result:
    """extract(text), asserting every invariant of the output contract."""
    res = quotes.extract(text, **kw)
    assert check(text, res) == []
    return res


def texts(res: quotes.Result) -> list[str]:
    return [q.text for q in res.quotes]


def one_line_error(doc: Document) -> str:
    assert doc.text is None and doc.error
    assert "\n" not in doc.error and "Traceback" not in doc.error
    return doc.error


# -- empty and whitespace ---------------------------------------------------------------------

@pytest.mark.parametrize("text", ["", " ", "\n", "\n\n\n", " \t\r\n ", "\r\r", "\u00a0\u2028\u2029\u3000\ufeff", "\u200b"])
def test_empty_and_whitespace(text):
    res = ok(text)
    assert res.quotes == [] and res.speakers == [] and res.sources == []
    assert res.to_dict()["document"]["length"] == len(text)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    doc = read(str(p))
    assert doc.error is None and doc.text == "" and doc.warnings == []


# -- binary -------------------------------------------------------------------------------------

BINARY = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "gzip": b"\x1f\x8b\x08\x00" + bytes(60),
    "elf": b"\x7fELF\x02\x01\x01" + bytes(100),
    "zip": b"PK\x03\x04\x14\x00\x06\x00" + bytes(40),
    "noise": bytes((i * 7919 + 13) % 256 for i in range(4096)),
    "nuls": bytes(64),
}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_refused(name, tmp_path):
    with pytest.raises(InputError, match="binary"):
        decode(BINARY[name])
    p = tmp_path / f"x.{name}"
    p.write_bytes(BINARY[name])
    assert "binary" in one_line_error(read(str(p)))


def test_unreadable_inputs_are_one_line_errors(tmp_path):
    assert one_line_error(read(str(tmp_path / "missing.txt"))) == "no such file"
    assert one_line_error(read(str(tmp_path))) == "is a folder"
    assert list(expand(["bad\x00name.txt"])) == ["bad\x00name.txt"]  # no traceback while listing inputs
    assert "invalid path" in one_line_error(read("bad\x00name.txt"))


# -- other encodings ------------------------------------------------------------------------------

SAMPLE = "\u201cWe will not give up,\u201d said Foreign Minister Sergey Lavrov. Caf\u00e9 \u2013 50\u20ac."


@pytest.mark.parametrize("codec, name", [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_utf32_with_bom(codec, name, tmp_path):
    data = SAMPLE.encode(codec)  # Python writes the byte-order mark
    text, warnings = decode(data)
    assert text == SAMPLE
    assert [w.code for w in warnings] == ["encoding"] and name in warnings[0].message
    p = tmp_path / "utf16.txt"
    p.write_bytes(data)
    doc = read(str(p))
    assert doc.text == SAMPLE and doc.include_text and needs_text(doc.warnings)
    res = ok(doc.text, include_text=doc.include_text)
    assert res.to_dict()["document"]["text"] == SAMPLE
    assert texts(res) == ["We will not give up,"]


def test_utf16_without_bom_guessed():
    text, warnings = decode(SAMPLE.encode("utf-16-le"))
    assert text == SAMPLE and "UTF-16-LE" in warnings[0].message


def test_cp1252_curly_quotes(tmp_path):
    data = SAMPLE.encode("cp1252")
    assert b"\x93" in data and b"\x94" in data
    text, warnings = decode(data)
    assert text == SAMPLE
    assert [w.code for w in warnings] == ["encoding"] and "cp1252" in warnings[0].message
    p = tmp_path / "win.txt"
    p.write_bytes(data)
    doc = read(str(p))
    assert doc.error is None and doc.include_text
    res = ok(doc.text, include_text=doc.include_text)
    assert res.to_dict()["document"]["text"] == SAMPLE
    assert texts(res) == ["We will not give up,"]
    assert res.quotes[0].speaker is not None and res.quotes[0].speaker.text.endswith("Lavrov")


def test_utf8_is_silent_and_mostly_utf8_is_repaired():
    assert decode(SAMPLE.encode("utf-8")) == (SAMPLE, [])
    text, warnings = decode(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))  # the BOM is left out: say so, and keep the text
    assert text == SAMPLE and "UTF-8" in warnings[0].message and needs_text(warnings)
    text, warnings = decode(SAMPLE.encode("utf-8") + b" \xff end")
    assert text.startswith(SAMPLE) and "\ufffd" in text and "UTF-8" in warnings[0].message


# -- NUL and control characters --------------------------------------------------------------------

def test_nul_and_control_characters():
    text = "\x00He said \x01\u201cwe\x00 will\x1b[31m win\u201d\x07 on\x7f Monday.\x0b\x0c\x1c\x1d\x1e\x85\x00"
    res = ok(text)
    assert texts(res) == ["we\x00 will\x1b[31m win"]
    # a file with a few control characters is text (with a warning); one made of them is binary
    few = "He said \x00\u201cwe will win\u201d on Monday\x1b[0m. " + FILLER * 2
    decoded, warnings = decode(few.encode("utf-8"))
    assert decoded == few and [w.code for w in warnings] == ["control-characters"] and "NUL" in warnings[0].message
    with pytest.raises(InputError, match="binary"):
        decode(text.encode("utf-8"))


def test_odd_code_points():
    text = ("\u202e\u201cWe\u200d will \U0001f600 win,\u201d said Jos\u0065\u0301 Mar\u00eda \U0001f1f7\U0001f1fa. "
            "\ud800 \u201cOr not,\u201d he added.\ufffd")
    res = ok(text)
    assert texts(res) == ["We\u200d will \U0001f600 win,", "Or not,"]
    # a lone surrogate (invalid Unicode, e.g. from a JSON escape) inside a name: spans still slice exactly
    text = "Lav\udc80rov said \u201cno\u201d on Monday. \u201cNever,\u201d Lav\udc80rov added."
    res = ok(text)
    assert texts(res) == ["no", "Never,"] and res.quotes[0].speaker.text == "Lav\udc80rov"


@pytest.mark.parametrize("sep", ["\r\n", "\r", "\u2028", "\u2029", "\x85", "\n\n"])
def test_line_breaks(sep):
    text = sep.join(["Headline.", "\u201cWe will win,\u201d Lavrov said.", "\u201cNever,\u201d he added."])
    res = ok(text)
    assert texts(res) == ["We will win,", "Never,"]


# -- size -------------------------------------------------------------------------------------------

FILLER = "Officials met in Berlin on Monday to discuss the ceasefire and the aid convoys in the region. "


def test_single_one_megabyte_line():
    quote = "Lavrov said \u201cwe will not give up on the talks\u201d on Monday. "
    unit = FILLER * 60 + quote
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    assert "\n" not in text and len(text) == 1_000_000
    t = time.monotonic()
    res = ok(text)
    assert time.monotonic() - t < 120
    assert texts(res) == ["we will not give up on the talks"] * text.count(quote)


def test_longer_than_spacy_max_length(nlp):
    para = FILLER * 8 + "\n\n"
    quote = "\u201cWe will win,\u201d said Foreign Minister Sergey Lavrov.\n\n"
    text = para * (nlp.max_length // len(para) + 50) + quote + para + quote
    assert len(text) > nlp.max_length
    res = ok(text)
    assert texts(res) == ["We will win,", "We will win,"]
    first, second = (q.segments[0] for q in res.quotes)
    assert first.start > nlp.max_length  # global offsets, not offsets into a chunk
    assert text[first.start:first.end] == text[second.start:second.end] == "We will win,"
    assert [s.name for s in res.speakers] == ["Sergey Lavrov"]


def test_twenty_thousand_stray_quotation_marks():
    marks = "\"\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e'\u300c\u300d"
    for text in ('"' * 20_000, "\u201c" * 20_000, "\u00bb" * 20_000, "He said: " + "\u201d \u201c" * 10_000,
                 " ".join(f"word{i} {marks[i % len(marks)]}" for i in range(4_000))):
        t = time.monotonic()
        ok(text)
        assert time.monotonic() - t < 120


# -- nested quotes in every style -------------------------------------------------------------------

@pytest.mark.parametrize("text, outer", [
    ("\u201cShe told me \u2018never again\u2019 and left,\u201d the minister said.", "She told me \u2018never again\u2019 and left,"),
    ("\"She told me 'never again' and left,\" the minister said.", "She told me 'never again' and left,"),
    ("\u2018She told me \u201cnever again\u201d and left,\u2019 the minister said.", "She told me \u201cnever again\u201d and left,"),
    ("The minister said: \u00abShe told me \u2039never again\u203a and left.\u00bb", "She told me \u2039never again\u203a and left."),
    ("The minister said: \u00ab\u00a0She told me \u00abnever again\u00bb and left.\u00a0\u00bb", "She told me \u00abnever again\u00bb and left."),
    ("The minister said: \u201eShe told me \u201anever again\u2018 and left.\u201c", "She told me \u201anever again\u2018 and left."),
    ("The minister said: \u300cShe told me \u300enever again\u300f and left.\u300d", "She told me \u300enever again\u300f and left."),
    ("\u201cHe said \u2018she told me \u201cno\u201d\u2019 and left,\u201d the minister said.",
     "He said \u2018she told me \u201cno\u201d\u2019 and left,"),
])
def test_nested_quotes_report_the_outer_quote(text, outer):
    res = ok(text)
    assert texts(res) == [outer]
    q = res.quotes[0]
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.text.lower() == "the minister"
