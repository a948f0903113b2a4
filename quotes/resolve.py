"""Resolution: group speaker mentions into entities with the fullest name, a title and a description.

"Lavrov" and "he" become Sergey Lavrov; "Russian Foreign Minister Sergey Lavrov" gives the title;
"Zeid, a Jordanian prince ..." gives a description. Names are found in the parse (NER entities and
proper-noun runs) and titles by reading the words around each occurrence of the name in the text.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from . import confidence, lexicons
from .attribute import DATE_WORDS, PRONOUNS, RELATIVE, inverted_cue, is_cue, np_span
from .detect import DOUBLE_MARKS, nyt_spans
from .segment import SENTENCE_OPENERS, Block, block_at, index_at
from .sources import SourceMention
from .types import Entity, Quote, Span

HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr."}
_WORD = re.compile(r"[\w.'\u2019&-]+")
_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}
_COURTESY = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female"}
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w'\u2019-]+)")
# Function words allowed inside a title ("Secretary of State", "High Commissioner for Human Rights").
_TITLE_GLUE = {"of", "for", "the", "and", "on", "to", "in", "at", "&"}
# Where an appositive's title ends: a relative clause or a dash ("Erin Murphy, a former aide who ...").
_APPOSITIVE_END = re.compile(r"\s+(?:and\s+)?(?:who|whom|whose|which|that)\b|\s+(?:--|\u2014|\u2013)\s")


@dataclass
class Mention:
    """One speaker mention split into its name part and the title words in front of it."""

    span: Span
    name: str | None  # proper name, None for descriptions and pronouns
    title: str | None
    kind: str  # name | pronoun | description
    label: str = ""  # NER label of the name, if any
    plural: bool = False


def _title_ok(words: list[str]) -> bool:
    return any(w.lower().rstrip(".") in lexicons.title_words() or w.lower() in lexicons.title_words() for w in words)


def split_mention(b: Block, tok: Token, span: Span) -> Mention:
    """Name, title or description for the speaker token `tok` whose phrase is `span`."""
    low = tok.lower_
    if low in PRONOUNS:
        return Mention(Span(*b.char(tok), tok.text), None, None, "pronoun", plural=low in {"they", "them", "we"})
    doc = tok.doc
    i, j = np_span(tok)
    if tok.tag_ in ("NN", "NNS"):
        # "Trump's Indiana chairman, Rex Early, said": the person named beside the description speaks
        app = next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i and doc[c.left_edge.i - 1].text == ","
                    and any(e.label_ == "PERSON" and e.start <= c.i < e.end for e in doc.ents)), None)
        if app is not None:
            a, z = np_span(app)
            k = i + 1 if doc[i].lower_ in {"the", "a", "an"} else i  # the description without its article
            m = split_mention(b, app, Span(b.start + doc[a].idx, b.start + doc[z - 1].idx + len(doc[z - 1].text), doc[a:z].text))
            if m.kind == "name" and m.title is None and k <= tok.i and _title_ok([t.text for t in doc[k:tok.i + 1]]):
                m.title = doc[k:tok.i + 1].text
            return m
    ent = next((e for e in doc.ents if e.start <= tok.i < e.end and e.label_ in {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}), None)
    if ent is None:
        # a proper name inside the phrase, e.g. the head is "Commissioner" in "Commissioner ... Zeid Ra'ad Al Hussein";
        # but not a name that modifies the head: "Clinton supporters", "Scott's niece" are not Clinton or Scott
        ent = next((e for e in doc.ents if i <= e.start and e.end <= j and e.label_ == "PERSON"
                    and not (e.end <= tok.i and e.root.head == tok) and not _of_someone(e.root, tok)), None)
    if ent is not None:
        s, e = ent.start, ent.end
        # extend a PERSON name left over capitalised compound words that are not titles ("Zeid Ra'ad" + "Al Hussein")
        # but not over a party or place ("Democrat Hillary Clinton") or a word capitalised for starting the sentence
        while ent.label_ == "PERSON" and s - 1 >= i and doc[s - 1].tag_ == "NNP" and not _title_ok([doc[s - 1].text]) \
                and doc[s - 1].dep_ == "compound" and doc[s - 1].ent_type_ in ("", "PERSON") and not doc[s - 1].is_sent_start:
            s -= 1
        while s < e and doc[s].lower_ in {"the", "a", "an"}:
            s += 1
        if s < e and doc[s].lower_ in HONORIFICS:
            s += 1
        if ent.label_ == "PERSON" and s < e:
            toks = _proper(list(doc[s:e]))
            s, e = toks[0].i, toks[-1].i + 1
        name_toks = doc[s:e]
        while len(name_toks) and name_toks[-1].tag_ == "POS":
            name_toks = name_toks[:-1]
        nspan = Span(b.start + name_toks.start_char, b.start + name_toks.end_char, name_toks.text)
        title = None
        if ent.label_ == "PERSON" and s > i:
            # after a conjunction the words before it name someone else ("Larry King and Ed Schultz")
            i = max([i] + [t.i + 1 for t in doc[i:s] if t.dep_ == "cc" or t.text == ","])
            words = [t.text for t in doc[i:s] if t.lower_ not in {"the", "a", "an", "former", "then"}]
            if words and _title_ok(words):
                title = " ".join(words).strip(" ,")
        elif ent.label_ == "PERSON" and e < j and doc[e].text == ",":
            pass
        label = ent.label_
        if label == "PERSON" and nspan.text.count(" ") == 0 and _title_ok([nspan.text]):
            label = ""
        return Mention(nspan, nspan.text, title, "name", label)
    if tok.tag_ in ("NNP", "NNPS"):
        # a proper name NER missed: the capitalised run around the head ("Syrian Observatory for Human Rights")
        s = e = tok.i
        while s - 1 >= i and (_cap(doc[s - 1]) or doc[s - 1].lower_ in _TITLE_GLUE - {"the"} and s - 2 >= i and _cap(doc[s - 2])):
            s -= 1
        while e + 1 < j and (_cap(doc[e + 1]) or doc[e + 1].lower_ in _TITLE_GLUE and e + 2 < j and _cap(doc[e + 2])):
            e += 1
        words = [t.text for t in doc[s:e + 1]]
        if _title_ok([words[-1]]):
            return Mention(span, None, None, "description", plural=tok.tag_ == "NNPS")  # "Russian Foreign Minister"
        # title words in front of a person's name stay out of the name: after the last title word
        last_title = max((k for k in range(s, tok.i) if _title_ok([doc[k].text])), default=None)
        if last_title is not None:
            s = last_title + 1
        title_words = [t.text for t in doc[i:s] if t.lower_ not in {"the", "a", "an"}]
        title = " ".join(title_words) if title_words and _title_ok(title_words) else None
        name_toks = doc[s:e + 1]
        nspan = Span(b.start + name_toks.start_char, b.start + name_toks.end_char, name_toks.text)
        return Mention(nspan, nspan.text, title, "name", "", plural=tok.tag_ == "NNPS")
    return Mention(span, None, None, "description", plural=tok.tag_ in ("NNS", "NNPS"))


def _after_inverted_cue(ent: SpacySpan) -> SpacySpan:
    """'Stated Stone: "..."': NER ran a name over the inverted speech verb before it; the name is Stone."""
    if len(ent) > 1 and inverted_cue(ent[0], ent.end):
        return SpacySpan(ent.doc, ent.start + 1, ent.end, label=ent.label_)
    return ent


def _person_inside(ent: SpacySpan) -> SpacySpan:
    """"Fox News' Sean Hannity", "Spokeswoman Haley Morris", "Carly Fiorina" as an organisation: NER ran an
    organisation over a person's name. The person is the two or three capitalised words ending it, after leading
    title words (then any name), or after a possessive or from the start (then a known given name, not the "Al"
    of "Al Qaeda")."""
    if ent.label_ not in ("ORG", "NORP", "GPE"):
        return ent
    doc, k = ent.doc, ent.start
    while k < ent.end and _title_ok([doc[k].text]):
        k += 1
    titled = k > ent.start
    if not titled:
        k = next((t.i + 1 for t in ent if t.tag_ == "POS"), ent.start)
    name = doc[k:ent.end]
    if 2 <= len(name) <= 3 and all(t.text[:1].isupper() and t.is_alpha for t in name) \
            and (titled or len(name[0]) > 2 and name[0].lower_ in lexicons.first_names()) \
            and not any(t.lower_ in lexicons.org_words() or t.lower_ in lexicons.media_words() for t in name):
        return SpacySpan(doc, k, ent.end, label="PERSON")
    return ent


def _of_someone(name: Token, head: Token) -> bool:
    """'a spokeswoman for Hillary Clinton': a name in a lower-case head's prepositional phrase is whom the
    speaker works for, not the speaker (a capitalised title, 'Commissioner for Human Rights Zeid', is)."""
    # 'by' and 'from' name the author ("an analysis by Lily Batchelder", "a letter from Obama")
    return head.text[:1].islower() and name.head.dep_ == "prep" and name.head.head == head and name.head.lower_ not in {"by", "from"}


def headline_case(line: str) -> bool:
    """A title-case headline: five or more words of four letters or more, every one capitalised."""
    ws = [w for w in _WORD.findall(line) if len(w) >= 4 and w[0].isalpha()]
    return len(ws) >= 5 and all(w[0].isupper() for w in ws) and any(w[1:].islower() for w in ws)


def _proper(toks: list[Token]) -> list[Token]:
    """A person name without the words NER ran into it: a verb or pronoun ends it (a headline's "Obama Says",
    "Ted Cruz Refuses"); a leading title or common word is no part of it ("Representative Charles B. Rangel",
    "Pope Francis", "Billionaire Donald Trump"), but two words stay, as the tagger may read a first name
    as a common noun."""
    z = next((j for j in range(1, len(toks)) if toks[j].tag_.startswith("VB") or toks[j].tag_ in ("MD", "PRP", "RB")), len(toks))
    k = 0
    while k < z - 1 and toks[k].text[:1].isupper() and (k < z - 2 and toks[k].tag_ in ("NN", "NNS", "JJ", "DT") or _title_ok([toks[k].text])):
        k += 1
    return toks[k:z]


def _cap(t: Token) -> bool:
    return t.text[:1].isupper() and t.tag_ not in ("PRP", "DT", "IN", ",", ".")


def _words(s: str) -> list[str]:
    return [w.lower().replace("\u2019", "'").removesuffix("'s") for w in _WORD.findall(s)]


def _stem(w: str) -> str:
    return w.lower().removesuffix("'s")[:5]


_TRAILING = re.compile(r"(?:\s+(?:of|and|or|the|a|an|to|in|for|at|on|by|with|from))+$")


class Resolver:
    """Holds the article's name inventory and builds speaker entities."""

    def __init__(self, text: str, bl: list[Block], quoted: Iterable[Span] = ()):
        self.text = text
        self.bl = bl
        self.quoted: list[tuple[int, int]] = []  # the words of quotes, not the writer's: sorted, overlaps merged
        for a, z in sorted((s.start, s.end) for s in quoted):
            if self.quoted and a <= self.quoted[-1][1]:
                self.quoted[-1] = (self.quoted[-1][0], max(z, self.quoted[-1][1]))
            else:
                self.quoted.append((a, z))
        self.described: list[tuple[int, int, Entity]] = []  # mentions of speakers known by a description
        self.genders: dict[str, str | None] = {}  # name -> gender, computed once
        self.courtesy: dict[str, set[str]] = {}  # surname -> the genders its courtesy titles give ("Mrs. Ruiz")
        self.courtesy_at: dict[int, str] = {}  # where a surname after a courtesy title starts -> that gender
        for m in _HONORIFIC.finditer(text):
            g = _COURTESY[m.group(1).lower()]
            self.courtesy.setdefault(m.group(2), set()).add(g)
            self.courtesy_at[m.start(2)] = g
        self.names: list[tuple[Span, str]] = []  # every NER name in the article, with its label
        self.headlines = {b.start for b in bl if b.doc is not None and headline_case(text[b.start:b.end])}
        heads: set[Span] = set()  # names NER found on headline-case lines
        for b in bl:
            if b.doc is None:
                continue
            for e in b.doc.ents:
                # an entity NER runs across a quotation mark ('Ruiz "Budget Hawk of the Year') is no name;
                # a nickname in marks within one is ('Luis "Pepe" Navarro')
                if e.label_ in {"PERSON", "ORG", "GPE", "NORP"} and sum(ch in DOUBLE_MARKS for ch in e.text) % 2 == 0:
                    toks = [t for t in e if t.lower_ not in {"the", "'s", "\u2019s"} and t.tag_ != "POS"]
                    if e.label_ == "PERSON":
                        toks = _proper(toks)
                    if toks:
                        s, z = b.start + toks[0].idx, b.start + toks[-1].idx + len(toks[-1].text)
                        self.names.append((Span(s, z, text[s:z]), e.label_))
                        if b.start in self.headlines:
                            heads.add(self.names[-1][0])
        # NER runs a title-case headline's words together ("Hillary Clinton Slams Donald Trump", "Gold Star Mom
        # Corners Obama"): such a "name" is no one's fuller name, unless it is a person's the body never shortens
        self.body = {tuple(_words(sp.text)) for sp, lab in self.names if lab == "PERSON" and sp not in heads}
        self.names = [(sp, lab) for sp, lab in self.names if sp not in heads or lab == "PERSON" and self.trim(sp.text) == sp.text]
        self.names.sort()

    def in_quote(self, sp: Span) -> bool:
        """The name stands inside a quote's words."""
        k = bisect_right(self.quoted, (sp.start, 10**12)) - 1
        return k >= 0 and self.quoted[k][0] <= sp.start and sp.end <= self.quoted[k][1]

    def trim(self, name: str) -> str:
        """A headline's run-on name cut to the longest name inside it that the body writes alone
        (leftmost of equals: a headline's subject comes first); else the name unchanged."""
        toks = _WORD.findall(name)
        ws = _words(name)
        for n in range(len(ws) - 1, 0, -1):
            for k in range(len(ws) - n + 1):
                if tuple(ws[k:k + n]) in self.body and (n > 1 or len(ws) >= 3):
                    return " ".join(toks[k:k + n])
        return name

    def fullest(self, name: str, before: int, label: str, gender: str | None = None) -> tuple[str, str]:
        """The longest name in the article holding all the words of `name`, and its NER label.
        Among equally long ones the nearest before `before` wins ("Clinton" after "Bill Clinton"). One met
        only inside a quote gives way to a full name within it that the writer uses. With a gender (from
        'she'), a full name known to be of the other gender is not this one ("Clinton" is Hillary Clinton)."""
        w = _words(name)
        best, best_key, best_label, best_sp = name, (len(w), -10**9), label, None
        for sp, lab in self.names:
            ws = _words(sp.text)
            if not w or not set(w) <= set(ws):
                continue
            if gender and self.gender(sp.text) not in (None, gender):
                continue
            # a person's short name is their surname or first name, not a middle word
            if lab == "PERSON" and len(w) == 1 and w[0] not in (ws[0], ws[-1]):
                continue
            if label and lab and lab != label and "PERSON" not in (lab, label):
                continue
            if label == "PERSON" and lab and lab != "PERSON":
                # a person's fuller name is a person's: "Trump" is not "Trump Taj Mahal" or "Clinton Foundation";
                # a person NER mislabels is a first name before the surname, no organisation word ("Carly Fiorina")
                if len(ws) != len(w) + 1 or ws[1:] != w or any(x in lexicons.org_words() for x in ws):
                    continue
                lab = "PERSON"
            dist = before - sp.start
            key = (len(ws), -dist if dist >= 0 else -10**8 - abs(dist))
            if key > best_key:
                best, best_key, best_label, best_sp = sp.text, key, lab or label, sp
        if best_sp is not None and self.in_quote(best_sp):
            # a speaker may name someone as they please ("Crooked Hillary Clinton" in a quoted tweet): the longest
            # full name (two words or more) inside that one which the writer uses outside quotes is the name
            inner = [sp for sp, lab in self.names if not self.in_quote(sp) and len(_words(sp.text)) >= max(2, len(w))
                     and set(w) <= set(_words(sp.text)) <= set(_words(best))]
            if inner:
                best = max(inner, key=lambda sp: (len(_words(sp.text)), -abs(before - sp.start))).text
        # 'Luis Navarro of' (Fresno): the name shown does not end on a function word NER ran into
        return _TRAILING.sub("", best) or best, best_label

    def gender(self, name: str) -> str | None:
        """'female', 'male' or None for a person's name: its given name (models/first_names.txt), else the
        courtesy title the article gives the surname ("Mrs. Ruiz"), when it gives only one kind."""
        if name in self.genders:
            return self.genders[name]
        ws = [w for w in _WORD.findall(name) if w.lower() not in HONORIFICS and not _title_ok([w])]
        g = None
        if ws and "-" not in ws and "\u2013" not in name:  # 'Ana Ruiz - Kent': NER ran two names together
            g = lexicons.first_names().get(ws[0].lower()) if len(ws) > 1 else None
            if g is None:
                kinds = self.courtesy.get(ws[-1], set())
                g = next(iter(kinds)) if len(kinds) == 1 else None
        self.genders[name] = g
        return g

    def binder(self, b: Block, tok: Token, gender: str) -> str | None:
        """'Cross said he is left with ...': a 'he' or 'she' in a clause below a verb whose subject is a person's
        name (of that gender, outside quotes) is that person, the sentence's own antecedent."""
        x = tok.head
        while x.head.i != x.i:
            x = x.head
            subj = [c for c in x.children if c.dep_ in ("nsubj", "nsubjpass")] if x.tag_.startswith("VB") else []
            if not subj:
                continue
            s = subj[0]
            if s.lower_ == tok.lower_:
                continue  # the same pronoun higher up ('he said he would'): look above it
            if s.tag_ not in ("NNP", "NNPS") or any(
                    c.dep_ in ("dobj", "dative") and c.ent_type_ == "PERSON" and self.gender(c.text) in (None, gender) for c in x.children):
                return None  # no name, or a second person as the object ('Hewitt asked Trump about what he said')
            sp = Span(*b.char(s), s.text)
            full = self.fullest(s.text, sp.start, "PERSON", gender)[0]
            if self.in_quote(sp) or self.gender(full) != gender:
                return None
            # 'Ruiz said Kent was right when he said ...': a name inside someone else's report leaves 'he'
            # open between the two
            y = x
            while y.head.i != y.i:
                if y.dep_ in ("ccomp", "xcomp") and is_cue(y.head):
                    return None
                y = y.head
            return full
        return None

    def antecedent(self, pos: int, plural: bool, placed: list[tuple[int, Entity]], thing: bool = False,
                   gender: str | None = None, pronoun: str = "") -> Entity | str | None:
        """For 'he' / 'they' / 'it': the nearest speaker entity before `pos` in the last few paragraphs,
        or the fullest name of a person (for 'it', an organisation) named nearer than that, to become a new
        entity. 'it' stands for an organisation, never a person; 'she' skips a name known to be a man's."""
        k = index_at(self.bl, pos)
        # journalists name a speaker again within a few paragraphs; further back is a guess
        floor = self.bl[max(0, k - 8)].start if k is not None else 0

        def fits(name: str) -> bool:
            g = self.gender(name) if gender else None
            return g is None or g == gender
        cands = [(p, e) for p, e in placed if floor <= p < pos and
                 (e.type == "organization" if thing else (e.type in ("organization", "group")) == plural)
                 and (e.type != "person" or fits(e.name))
                 and (e.name.lower() not in PRONOUNS or e.name.lower() == pronoun)]  # an unresolved 'it' is no 'they'
        best = max(cands, key=lambda x: x[0]) if cands else None
        want = "ORG" if thing else "PERSON"
        # a name inside quoted words is someone the speaker talks about ('"I spoke with John Smith," she said')
        named = [sp for sp, lab in self.names if lab == want and floor <= sp.start < pos and not self.in_quote(sp)] \
            if not plural else []
        # a name inside the mention of a person known by a description ('a spokesman for Mayor Smith said') is not
        # who 'he' is next when that person could be: the description spoke last
        took = {id(e) for _, e in cands if e.type == "person"}
        named = [sp for sp in named if not any(a <= sp.start < z and id(e) in took for a, z, e in self.described)]

        def fits_named(sp: Span) -> bool:
            if sp.start in self.courtesy_at:  # "Mrs. Clinton": this mention's own courtesy title says
                return self.courtesy_at[sp.start] == gender
            full = self.fullest(sp.text, sp.start, want, gender)[0]
            # a bare "Clinton" with no full name of the pronoun's gender is the one of the other gender
            return fits(full) and (len(_words(full)) > len(_words(sp.text)) or fits(self.fullest(sp.text, sp.start, want)[0]))
        if gender:  # the last name that fits is all that is needed (fullest is a scan of every name)
            named = next(([sp] for sp in reversed(named) if fits_named(sp)), [])
        if named and (best is None or named[-1].start > best[0]):
            full, lab = self.fullest(named[-1].text, named[-1].start, want, gender)
            if not (thing and lab == "PERSON"):  # "Trump" tagged an organisation is still no 'it'
                known = next((e for _, e in placed if e.name == full), None)
                return known or full
        return best[1] if best else None


@cache
def _appositive() -> re.Pattern:
    """', a spokesman for the ministry,': an appositive runs to the next comma or full stop, but not to the full stop
    of a courtesy title, an abbreviated title or an initial before a name ('an adviser to Mr. Sanders', 'under
    George W. Bush', 'at Washington University in St. Louis')."""
    abbr = sorted({a.rstrip(".") for a in HONORIFICS | set(lexicons.title_abbreviations())} | {"st", "jr", "sr"}, key=len, reverse=True)
    short = "|".join(re.escape(a.capitalize()) for a in abbr)
    return re.compile(rf",\s+((?:a|an|the)\s+)?((?:\b(?:{short}|[A-Z])\.(?=\s+[A-Z])|[^,.;:\n\"\u201c\u201d()]){{3,90}}?)(?=[,.;:\n]|$)")


def display_name(s: str) -> str:
    """A name as shown: the text's no-break spaces, line breaks and soft hyphens ('James\xa0Comey') read as one
    space or nothing, so one person is one entity however the page spaced the name."""
    return " ".join(s.replace("\xad", "").split())


def name_pattern(name: str) -> str:
    """A regular expression for `name` in the text, whatever spacing the page used between its words."""
    return r"[\s\xad]+".join(re.escape(w) for w in name.split())


def title_and_description(text: str, name: str, title: str | None = None) -> tuple[str | None, str | None]:
    """A pre-nominal title ("Russian Foreign Minister Sergey Lavrov") or an appositive
    ("Sean McCormack, a spokesman for ...") found at any occurrence of the name or its surname;
    an appositive is the description once a title is known."""
    desc = None
    variants = [name] + ([name.split()[-1]] if " " in name else [])
    for v in variants:
        for m in re.finditer(rf"(?<![\w]){name_pattern(v)}(?![\w])", text):
            if " " not in v and _first_name_before(text, m.start()):
                continue  # a surname after a first name ("Hillary Clinton", "Bill Clinton"): no title of this one's
            if title is None and not _on_headline(text, m.start(), m.end()):
                # (a title-case headline capitalises every word: 'Trump Praises Breitbart's Political Editor')
                t = _title_before(text, m.start())
                if t:
                    title = t
            ap = _appositive().match(text, m.end(), m.end() + 120)
            if ap:
                phrase = _APPOSITIVE_END.split(ap.group(2), 1)[0].strip()
                words = phrase.split()
                # 'Doug Andres, spokesman for Paul Ryan told the Post': a missing comma runs the appositive into
                # the attribution, which ends it; 'Clinton, a top aide said, ...' is no appositive at all
                k = next((k for k, w in enumerate(words) if k and _attribution_verb(w)), None)
                if k is not None:
                    if k == len(words) - 1 and ap.group(1):
                        continue
                    words = words[:k]
                    phrase = " ".join(words)
                if not words or words[0][0].isupper() and not ap.group(1):
                    continue  # a list of names or a place, not an appositive
                if not ap.group(1) and len(words) > 2 and all(w[:1].isupper() and not _title_ok([w]) for w in words[-2:]) \
                        and not {w.lower() for w in words} & _PREPOSITIONS:
                    continue  # '..., former Colorado Rep. Pat Schroeder,': another person named beside this one
                if words[0].lower() in lexicons.speech_verbs() or words[0].lower() in {"who", "which", "and", "but", "or"}:
                    continue  # ", said ..." / ", who ..." is a clause, not an appositive
                if title is None and _title_ok([w.rstrip(",") for w in words[:5]]):
                    title = phrase
                elif desc is None and ap.group(1) and phrase != title:
                    desc = (ap.group(1) + phrase).strip()
    return title and display_name(title), desc and display_name(desc)


_PREPOSITIONS = {"of", "for", "to", "at", "with", "in", "on", "under", "by", "from"}
def _attribution_verb(w: str) -> bool:
    """A lowercase finite form of a verb that ends an unclosed appositive (models/reporting_frames.txt,
    'appositive-end'): 'said', 'told', 'stated', 'says' (not 'writing', 'States')."""
    lemma = lexicons.speech_verbs().get(w)
    return lemma in lexicons.reporting_frames().get("appositive-end", ()) and w != lemma and not w.endswith("ing")


def _on_headline(text: str, a: int, z: int) -> bool:
    """The line holding text[a:z] is a title-case headline."""
    le = text.find("\n", z)
    return _headline_line(text[text.rfind("\n", 0, a) + 1:le if le != -1 else len(text)])


@lru_cache(maxsize=512)
def _headline_line(line: str) -> bool:
    return headline_case(line)  # one check per line, however many names it holds


def _first_name_before(text: str, pos: int) -> bool:
    """A capitalised word that is no title right before `pos` on the same line."""
    m = re.search(r"([\w.'\u2019-]+)[ \t]+$", text[max(0, pos - 40):pos])
    return bool(m) and m.group(1)[:1].isupper() and not _title_ok([m.group(1)]) and m.group(1).lower() not in HONORIFICS


def _title_modifier(text: str, found: list[re.Match], k: int, right: str) -> bool:
    """A lowercase modifier inside a title ('GOP presidential nominee', 'Clinton communications director'): a word
    before a lowercase title word, with a capitalised or title word right before it on the line; not a verb
    between two names ('Warren grilled Wells Fargo CEO', 'Earnest said that President'), nor a word before a
    preposition ('look at House Speaker')."""
    w, left = found[k].group(), found[k - 1] if k else None
    if left is None or not right.islower() or right in _TITLE_GLUE or not w.isalpha():
        return False
    if w.lower() in _TITLE_GLUE or w.lower() in SENTENCE_OPENERS or w.lower() in lexicons.speech_verbs():
        return False
    gap = text[left.end():found[k].start()]
    lw = left.group()
    return not gap.strip() and "\n" not in gap and (lw[0].isupper() and not lw.endswith(".") or lw.lower() in lexicons.title_words())


def _title_before(text: str, pos: int) -> str | None:
    """Capitalised words (and title words) right before a name: 'U.S. Secretary of State'."""
    words = []
    found = list(_WORD.finditer(text, max(0, pos - 90), pos))
    for k in range(len(found) - 1, -1, -1):
        m = found[k]
        between = text[m.end():pos if not words else words[-1][1]]
        if between.strip() or "\n" in between:  # a title stays on the name's line
            break
        w = m.group()
        if words and w.endswith(".") and len(w) > 4 and "." not in w[:-1] and not _title_ok([w]) \
                and w.lower() not in lexicons.title_abbreviations():
            break  # "... the Trans-Pacific Partnership. Republican nominee Donald Trump": the last sentence's end
        if w[0].isupper() or w.lower() in lexicons.title_words() or (w.lower() in _TITLE_GLUE and words):
            words.append((w, m.start()))
            continue
        if words and _title_modifier(text, found, k, words[-1][0]):
            words.append((w, m.start()))
            continue
        break
    if words and words[0][0].lower() in HONORIFICS - {"dr", "dr."}:
        return None  # "Mr. Schultz": a courtesy, and what precedes it belongs to someone else ("Mr. King and")
    # nor does a word capitalised for opening the sentence ("But Attorney General ...")
    while words and (words[-1][0].lower() in _TITLE_GLUE or words[-1][0].lower() in SENTENCE_OPENERS):
        words.pop()
    words.reverse()
    # 'Secretary of State Hillary Clinton and Sen. Bernie Sanders': a name before 'and' is someone else's
    cut = [k for k in range(1, len(words)) if words[k][0] == "and" and not _title_ok([words[k - 1][0]])]
    if cut:
        words = words[cut[-1] + 1:]
    while words and (words[-1][0].lower() in _TITLE_GLUE or len(words) > 1 and words[-1][0].lower() in ("dr", "dr.")):
        words.pop()  # ('Former State Senator Dr. Kelli Ward': the doctor is a courtesy, the title is the senator)
    if not words or not _title_ok([w for w, _ in words]):
        return None
    # the title must end in a title word or a name of an office ("Minister", "Secretary of State")
    s = words[0][1]
    t = text[s:words[-1][1] + len(words[-1][0])].strip()
    if t.endswith(".") and len(words) == 1 and t.lower() not in lexicons.title_words():
        return None
    return t


def _type_of(m: Mention) -> str:
    if m.kind == "pronoun":
        # 'it said' is an organisation or a document, never a person
        return "group" if m.plural else "organization" if m.span.text.lower() == "it" else "person"
    if m.label == "PERSON":
        return "person"
    if m.label in {"ORG", "GPE", "NORP", "FAC", "LOC"}:
        return "organization"
    heads = _words(m.span.text)
    head = heads[-1] if heads else ""
    if head in lexicons.org_words():
        return "organization"
    if m.plural:
        return "group"
    if m.kind == "name":
        return "person" if m.title else "unknown"
    if _title_ok(heads):
        return "person"
    return "unknown"


def resolve(text: str, bl: list[Block], quotes: list[Quote], found_sources: dict[int, SourceMention]) -> tuple[list[Entity], list[Entity]]:
    """Speaker and source entities; sets quote.speaker_id / source_id and the entities' quote lists."""
    # the words of quotes, NYT ''...'' included: no one named inside them is a speaker's fuller name or antecedent,
    # and the writer's 'I' is no one's outside them
    quoted = [Span(s.start, s.end, "") for q in quotes if q.kind != "indirect" for s in q.segments]
    for b in bl:  # once, for the resolver's names and every mention alike
        if b.doc is not None and b.doc.ents:
            b.doc.ents = [_person_inside(_after_inverted_cue(e)) for e in b.doc.ents]
    res = Resolver(text, bl, quoted + [Span(a, z, "") for a, z in nyt_spans(text)])
    by_key: dict[str, Entity] = {}
    placed: list[tuple[int, Entity]] = []
    speakers: list[Entity] = []

    def get(key: str, name: str, typ: str, named: bool = True) -> Entity:
        key, name = display_name(key), display_name(name)
        if key not in by_key:
            ent = Entity(id=f"s{len(speakers) + 1}", name=name, type=typ)
            if named and typ == "person" and name[:1].isupper():  # a description has no title of its own
                ent.title, ent.description = title_and_description(text, name)
            by_key[key] = ent
            speakers.append(ent)
        return by_key[key]

    work = []
    for q in sorted(quotes, key=lambda q: q.start):
        if q.speaker is None or q.ctx is None or q.ctx.speaker is None:
            continue
        b = block_at(bl, q.speaker.start) or q.ctx.block
        m = split_mention(b, q.ctx.speaker, q.speaker)
        work.append((q, m))
        if m.kind == "name" and b.start in res.headlines:
            m.name = res.trim(m.name or m.span.text)
        elif m.kind == "name" and m.label in ("PERSON", "") and " " in (m.name or ""):
            res.names.append((m.span, "PERSON" if m.label == "PERSON" or m.title else ""))
    res.names.sort()
    for q, m in work:
        ent: Entity | None = None
        if m.kind == "pronoun" and m.span.text.lower() in {"i", "we"} and not res.in_quote(m.span):
            # the writer's own 'I' or 'we' (an op-ed, a letter), not inside someone's quote: no one named nearby
            ent = get(f"?writer-{m.span.text.lower()}", m.span.text, "group" if m.plural else "person")
        elif m.kind == "pronoun":
            thing = m.span.text.lower() == "it"
            gender = _GENDER.get(m.span.text.lower())
            found = res.binder(q.ctx.block, q.ctx.speaker, gender) if gender else None
            if found is None:
                found = res.antecedent(m.span.start, m.plural, placed, thing=thing, gender=gender, pronoun=m.span.text.lower())
            ent = get(found.lower(), found, "organization" if thing else "person") if isinstance(found, str) else found
            if ent is not None and ent.name.lower() in PRONOUNS:
                q.evidence += "+unresolved-pronoun"  # the same 'she' as before, still without a name
        elif m.kind == "name":
            full, label = res.fullest(m.name or m.span.text, m.span.start, m.label)
            m.label = label or m.label
            ent = get(full.lower(), full, _type_of(m))
            if m.title and not ent.title:
                ent.title = m.title
        else:
            ent = _match_title(m, speakers)
            words = m.span.text.split()
            if ent is None and words and all(w[:1].isupper() for w in words) and not _title_ok(words):
                # a surname the tagger read as a common noun (a title-case headline: "Trump Urges Supporters ..."):
                # the person whose fuller name the article gives
                full, label = res.fullest(m.span.text, m.span.start, "")
                known = by_key.get(full.lower())
                if len(_words(full)) > len(words) and (label == "PERSON" or known is not None and known.type == "person"):
                    ent = get(full.lower(), full, "person")
            if ent is None and not m.plural and (named := _titled_name(text, m)) is not None:
                # 'the Republican nominee said' after "Republican presidential nominee Tom Hale" who has not spoken yet;
                # a single word must be a name NER found ('candidate Iowa' is a place)
                full, label = res.fullest(named, m.span.start, "PERSON")
                ent = get(full.lower(), full, "person") if " " in full or label == "PERSON" else None
            if ent is None:
                ent = get(_norm_key(m.span.text), m.span.text, _type_of(m), named=False)
                ent.anonymous = _anonymous(m.span.text)
        if ent is None:
            # 'she said' with nobody to point to: the pronoun itself stays the speaker, each one its own
            # entity (two unresolved 'she' need not be one person), flagged by evidence and confidence
            q.evidence += "+unresolved-pronoun"
            ent = get(f"?{m.span.start}", m.span.text, _type_of(m))
        q.speaker_id = ent.id
        cue = q.ctx.cue
        if cue is not None and cue.dep_ == "relcl":
            # "Mike Lee, who declared ...": the relative pronoun is a mention of the same speaker
            for ch in cue.children:
                if ch.dep_ in ("nsubj", "nsubjpass") and ch.lower_ in RELATIVE:
                    a, z = q.ctx.block.char(ch)
                    if not any(x.start == a for x in ent.mentions):
                        ent.mentions.append(Span(a, z, text[a:z]))
        if m.span not in ent.mentions:
            ent.mentions.append(m.span)
            if m.kind == "name" and ent.type == "person" and not (ent.title and ent.description):
                t, d = title_and_description(text, m.span.text, ent.title)
                ent.title, ent.description = ent.title or t, ent.description or d
        if ent.type == "unknown" and _type_of(m) != "unknown":
            ent.type = _type_of(m)
        placed.append((q.start, ent))
        if m.kind == "description":
            res.described.append((m.span.start, m.span.end, ent))
        placed.sort(key=lambda x: x[0])
        ent.quotes.append(q.id)
    for ent in speakers:
        # every occurrence of the name (and a person's surname) is a mention of the entity
        forms = {ent.name} | ({ent.name.split()[-1]} if ent.type == "person" and " " in ent.name else set())
        forms |= {m.text for m in ent.mentions if m.text[:1].isupper() and m.text.lower() not in PRONOUNS and m.text in ent.name}
        if ent.name[:1].isupper():
            for f in sorted(forms, key=lambda f: (-len(f), f)):  # longest first, in a fixed order (sets vary by process)
                for mm in re.finditer(rf"(?<![\w]){name_pattern(f)}(?![\w])", text):
                    sp = Span(mm.start(), mm.end(), mm.group())
                    if not any(x.start <= sp.start < x.end for x in ent.mentions):
                        ent.mentions.append(sp)
        ent.mentions.sort()
    sources = _source_entities(quotes, found_sources)
    types = {e.id: e.type for e in speakers}
    for q in quotes:
        confidence.assign(q, types.get(q.speaker_id or "", ""))
    if re.search("[\ud800-\udfff]", text):  # spaCy saw U+FFFD for each lone surrogate: span texts from the text itself
        def fix(sp: Span | None) -> Span | None:
            return None if sp is None else Span(sp.start, sp.end, text[sp.start:sp.end])
        for q in quotes:
            q.cue, q.speaker, q.source = fix(q.cue), fix(q.speaker), fix(q.source)
        for ent in speakers + sources:
            ent.mentions = [fix(m) for m in ent.mentions]
    return speakers, sources


def _norm_key(s: str) -> str:
    return " ".join(_words(re.sub(r"^(the|a|an)\s+", "", s, flags=re.I)))


def _anonymous(s: str) -> bool:
    ws = _words(s)
    return bool(ws) and ws[0] in {"a", "an", "one", "two", "three", "several", "some"} and any(w in lexicons.anonymous_words() for w in ws)


def _match_title(m: Mention, speakers: list[Entity]) -> Entity | None:
    """'Russia's foreign minister' or 'the secretary' is the one entity whose title has those words."""
    # 'the Carson campaign' is an organisation, not whoever has "campaign" in a title
    test = _title_test(m.span.text)
    if test is None or m.span.text.lower().startswith(("a ", "an ")):
        return None  # 'a senator said' is another, unnamed one
    hits = [e for e in speakers if e.title and test[0](e.title)]
    return hits[0] if len(hits) == 1 else None


_NAME_AFTER = r"([A-Z][\w'\u2019-]+(?:[^\S\n]+(?:[A-Z]\.|[A-Z][\w'\u2019-]+)){0,3})"


def _title_test(mention: str) -> tuple[Callable[[str], bool], str] | None:
    """For a description ('the Florida senator'), a test of whether a title is one it names; None when the
    description is no title ('the Carson campaign'). Its title words must all be in the title; a capitalised word
    (a place or party) need not be ("Sen." is "the Florida senator"), unless the title has one of its own that
    differs ('the Democratic nominee' is not "Republican presidential nominee")."""
    ws = [w for w in _words(mention) if w not in {"the", "a", "an"}]
    if not ws or ws[-1] not in lexicons.title_words() or ws[-1] in lexicons.org_words():
        return None
    full = lexicons.title_abbreviations()
    places = {_stem(w) for w in ws[:-1] if _is_place(w, mention)}
    need = {_stem(full.get(w, w)) for w in ws[:-1] if not _is_place(w, mention)} | {_stem(full.get(ws[-1], ws[-1]))}

    def fits(title: str) -> bool:
        have = {_stem(full.get(w, w)) for w in _words(title)}
        own = {_stem(w) for w in re.findall(r"[A-Z][\w.'\u2019-]*", title) if w.lower().rstrip(".") not in lexicons.title_words()
               and w.lower() not in lexicons.title_words()}
        return need <= have and (places <= have or not own - places)
    return fits, full.get(ws[-1], ws[-1])


def _titled_name(text: str, m: Mention) -> str | None:
    """'the Republican nominee' or 'the senator': the one person the text before names with such a title, in front
    of the name ("Republican presidential nominee Tom Hale", "Sen. Ana Ruiz") or after it ("Tom Hale, the party's
    nominee,"), whether or not that person has spoken. Two such people (two nominees) leave the description as is."""
    test = _title_test(m.span.text)
    if test is None or not m.span.text.lower().startswith("the "):
        return None  # 'a senator said' is someone else, unnamed
    fits, head = test
    forms = {head} | {a for a, w in lexicons.title_abbreviations().items() if w == head}
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    before = text[:m.span.start]
    found = set()
    for mm in re.finditer(rf"(?i:{alt})(?![\w])[^\S\n]+{_NAME_AFTER}", before):
        title = _title_before(text, mm.start(1))
        if title and fits(title) and _could_be_name(mm.group(1)):
            found.add(re.sub(r"['\u2019]s?$", "", mm.group(1)))
    for mm in re.finditer(rf"(?<![Tt]he ){_NAME_AFTER},[^\S\n]+(?:the|a|an)[^\S\n]+([^,;.\n]{{0,60}}?(?i:{alt}))(?![\w])", before):
        if fits(mm.group(2)) and _could_be_name(mm.group(1)):
            found.add(re.sub(r"['\u2019]s?$", "", mm.group(1)))
    names = {n for n in found if not any(n != o and n in o for o in found)}  # "Hale" within "Tom Hale"
    return names.pop() if len(names) == 1 else None


def _could_be_name(words: str) -> bool:
    """Capitalised words after a title that may be a name: not 'Monday', 'The' or another title ('told the senator Tuesday')."""
    first = words.split()[0].lower().rstrip(".")
    return first not in DATE_WORDS and first not in SENTENCE_OPENERS and first not in lexicons.title_words() \
        and first not in lexicons.org_words()


def _is_place(word: str, text: str) -> bool:
    """A capitalised word of a description that is not a title word: a place or party ("Florida")."""
    return word not in lexicons.title_words() and any(w[:1].isupper() for w in re.findall(rf"\b{re.escape(word)}\b", text, re.I))


def _source_entities(quotes: list[Quote], found: dict[int, SourceMention]) -> list[Entity]:
    out: dict[str, Entity] = {}
    for q in sorted(quotes, key=lambda q: q.start):
        sm = found.get(id(q))
        if sm is None:
            continue
        key = _norm_key(sm.name)
        if key not in out:
            out[key] = Entity(id=f"m{len(out) + 1}", name=display_name(sm.name), type=sm.type, description=sm.description)
        ent = out[key]
        ent.description = ent.description or sm.description
        if sm.span not in ent.mentions:
            ent.mentions.append(sm.span)
        ent.quotes.append(q.id)
        q.source_id, q.source = ent.id, sm.span
    for ent in out.values():
        ent.mentions.sort()
    return list(out.values())
