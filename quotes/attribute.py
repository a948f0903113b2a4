"""Attribution: find each quote's cue and speaker in the dependency parse; find indirect speech.

Order of evidence for a quote: a newsletter signature right before it ('- Carl Bialik: "..."'), an
as-clause right after it ('"...," as the memo put it'), a speech
verb that governs the quote in the parse, one the quote governs ("..., he said" parsed as
parataxis), the nearest speech verb in the sentence, a colon introduction, a speech verb elsewhere
in the paragraph, a line above ending in a colon, the named subject of the sentence before, the
speaker of the quote just before (a follow-on quote), and finally, for a quote alone in its
paragraph, the named subject of the paragraph before. Where the parser left the cue without a
subject, the noun phrase beside the cue speaks; a passive cue ('was asked by X') has its agent or
nobody named as the speaker, never its subject. A partial quote no speech verb governs, or a short
"direct" one with no speech verb, is doubted: mostly a scare quote, a name or a heading, it is kept
only when the fitted model of quotes/speech.py judges it speech.

Indirect speech: the clause a speech verb governs (the one after it when there are two), the
sentence around a parenthetical cue ("X, officials said, Y") or an "As ... reported," clause, the
clause an "according to" phrase attaches to, and the frames of models/reporting_frames.txt (a
to-infinitive, an object, a preposition's object, a passive subject). A clause
ends where the parser hung the speaker's next words inside it (", noting that ...").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import lexicons, speech
from .detect import DOUBLE_MARKS, RawQuote
from .segment import Block, block_at, index_at
from .types import Quote, Span, Warning

RELATIVE = {"who", "which", "that"}
_BACK = {"shot", "fired", "hit", "shoots", "fires", "hits"}
_GO = {"went", "goes", "go", "going"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"}
# Subject-like dependents that name who speaks.
SUBJ = ("nsubj", "nsubjpass", "csubj")
# Dependents that carry a verb's subject up from a participle or infinitive ("..., adding that").
CLIMB = ("xcomp", "advcl", "conj", "pcomp", "acl", "ccomp", "relcl")
# Dependents kept in a speaker's noun phrase: not appositions, clauses or punctuation.
NP_KEEP = {"compound", "amod", "det", "poss", "nmod", "case", "nummod", "quantmod", "prep", "pobj", "npadvmod", "cc", "conj", "flat", "advmod"}
CONFIDENCE = {"parse-governs": 0.93, "as-clause": 0.9, "governing-verb": 0.7, "verb-after-quote": 0.8, "colon-paragraph": 0.8, "parse-governed": 0.9, "according-to": 0.9, "colon": 0.85, "headline-colon": 0.6,
              "sentence-cue": 0.75, "paragraph-cue": 0.6, "follow-on": 0.7, "dash-signature": 0.8, "sentence-before": 0.6, "paragraph-before": 0.6, "speech-noun": 0.7, "main-verb": 0.6, "none": 0.2}


@dataclass
class Context:
    """Where a quote sits in the parse; kept on Quote.ctx for the later stages."""

    block: Block
    sent: SpacySpan
    cue: Token | None = None
    speaker: Token | None = None


def is_cue(tok: Token) -> bool:
    """A speech verb (from the lexicon) used as a verb, or 'according' in 'according to'."""
    low = tok.lower_
    if low == "according":
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
    if low in _BACK and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "back":
        return True  # "shot back", "fired back": a retort
    if low in _GO and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "on" and tok.doc[tok.i + 2].lower_ in {",", ".", ":", "about"}:
        # '"...," Trump went on.', 'as Trump went on about "the system"': someone speaking on (not 'as the day went on')
        return any(c.dep_ == "nsubj" and c.tag_ in ("PRP", "NNP", "NNPS") for c in tok.children)
    if low in ("put", "puts") and {"as", "it"} <= {c.lower_ for c in tok.children if c.dep_ in ("mark", "dobj")}:
        return True  # 'as The New Yorker put it, "the operator"': an attribution idiom
    return low in lexicons.speech_verbs() and tok.tag_.startswith("VB")


def sent_at(bl: list[Block], pos: int) -> tuple[Block, SpacySpan] | None:
    b = block_at(bl, pos)
    if b is None or b.doc is None:
        return None
    rel = pos - b.start
    k = bisect_right(b.doc, rel, key=lambda t: t.idx) - 1  # the token at rel: its sentence (not a scan of doc.sents)
    s = b.doc[max(k, 0)].sent if len(b.doc) else None
    if s is not None and (s.start_char <= rel < s.end_char or (rel >= s.end_char and s.end == len(b.doc))):
        return b, s
    return None


def speaker_of(cue: Token) -> tuple[Token | None, str]:
    """The token naming who speaks for a cue, climbing from participles to their clause's subject."""
    if cue.lower_ == "according":
        for ch in cue.children:
            if ch.lower_ == "to":
                obj = [g for g in ch.children if g.dep_ == "pobj"]
                if obj:
                    return obj[0], "according-to"
        nxt = cue.doc[cue.i + 1]
        obj = [g for g in nxt.children if g.dep_ == "pobj"]
        return (obj[0], "according-to") if obj else (None, "according-to")
    if _passive(cue):
        # 'Trump was asked about X' / 'Asked why ..., Sanders said': the subject is who was asked or told,
        # not who spoke; the speaker is the agent ('asked by reporters') or nobody named
        return _agent(cue), "passive"
    if cue.tag_ == "VBN" and cue.dep_ in ("amod", "appos", "acl") and cue.i > 0 and not _subjects(cue, cue):
        name = cue.doc[cue.i - 1]
        if name.tag_ in ("NNP", "NNPS") and name.dep_ == "compound":
            # 'Trump blasted Disney for ...', '"Go back," Trump barked': a name and its verb the tagger
            # misread as a modifier and its noun
            return name, "subject"
    if cue.tag_ == "VBG" and cue.i > 0 and not _subjects(cue, cue):
        name = cue.doc[cue.i - 1]
        if name.tag_ in ("NNP", "NNPS", "PRP") and name.dep_ == "pobj" and name.head.lower_ == "of":
            # 'footage of Maria Lopez asking, "..."': the name before the participle is its subject, not
            # the subject of the verb the parser hangs the participle on ('The ad uses footage ...')
            return name, "subject"
    tok = cue
    for _ in range(6):
        subj = _subjects(tok, cue)
        if subj and (tok == cue or is_cue(tok) or tok.dep_ not in ("ccomp", "advcl", "xcomp")):
            return _named(tok, subj[0])
        if tok.dep_ == "acl" and tok.head.tag_ in ("NNP", "NNPS") and tok.head.dep_ in ("ROOT", "nsubj"):
            # "Ruiz, who passed the tax as mayor, interjected to say: ...": a name the parser made the sentence's
            # head (or a subject) with the verb hung on it as a modifier; that name speaks
            return tok.head, "subject"
        if tok.dep_ == "xcomp" and (obj := _controller(tok)) is not None:
            return obj, "subject"
        if tok.dep_ in CLIMB and tok.head.i != tok.i:
            # a participle cue ("..., calling for ...") takes the subject of the speech verb above it,
            # passing over the reported clause it may hang from
            tok = tok.head
            continue
        break
    # no subject that way: climb through prepositions and object nouns too ("by saying", "after telling",
    # "issued a statement calling ...") and take the first subject met
    tok = cue
    for _ in range(8):
        subj = _subjects(tok, cue)
        if subj and tok != cue:
            return _named(tok, subj[0])
        if tok.head.i == tok.i:
            break
        # 'voters are more likely to say ...': through the adjective to the clause's subject; 'sent a text
        # message to supporters saying: ...': through the recipient's 'to' (a dative) to the sender
        if tok.dep_ in CLIMB or tok.dep_ in ("pcomp", "acomp") or (tok.dep_ in ("prep", "dative") and tok.tag_ == "IN") \
                or (tok.dep_ in ("dobj", "pobj") and tok.tag_.startswith("NN")):
            tok = tok.head
            continue
        break
    return None, "none"


def _controller(inf: Token) -> Token | None:
    """'That prompted Rubio to ... call Trump "very flexible"': the person object of the verb an infinitive
    hangs on, when that verb's own subject names no one ('That', 'It', 'The remark'); the object does the
    infinitive. Not when the subject is someone ('Trump used Twitter to call ...': Trump calls)."""
    v = inf.head
    subj = [c for c in v.children if c.dep_ == "nsubj"]
    s = subj[0] if subj else None
    # a subject that names someone: a person word, a body, or any capitalised word the tagger missed ('Ruiz' as NN)
    if s is not None and s.lower_ != "it" and (_person(s) or s.ent_type_ in ("ORG", "NORP", "GPE")
                                               or s.text[:1].isupper() and s.tag_ not in ("DT", "WDT")):
        return None
    obj = [c for c in v.children if c.dep_ == "dobj" and c.i < inf.i and _person(c) and c.lower_ != "it"]
    return obj[0] if obj else None


def _subjects(verb: Token, cue: Token) -> list[Token]:
    """The subjects of a verb in order; the cue's own nearest first: where the parser gives it two ('The
    rejection signals "the end", said Geert Wilders'), the far one is a misread clause and the near one speaks.
    A verb climbed to from a participle keeps the leftmost ('Ryan, despite admitting ..., the victims need')."""
    subj = [c for c in verb.children if c.dep_ in SUBJ and not _stray(c)]
    if len(subj) > 1:
        subj = [c for c in subj if not _place_after_place(c)] or subj
    return sorted(subj, key=lambda c: abs(c.i - verb.i)) if verb == cue else subj


def _place_after_place(t: Token) -> bool:
    """'Speaking in Salem, New Hampshire, Trump went after Bush': the state set off by commas after a place the
    parser made a second subject; it names where, not who."""
    doc, a, z = t.doc, t.left_edge.i, t.right_edge.i
    return a >= 2 and z + 1 < len(doc) and doc[a - 1].text == "," and doc[z + 1].text == "," \
        and doc[a - 2].tag_ in ("NNP", "NNPS") and doc[a - 2].dep_ in ("pobj", "compound") and t.tag_ in ("NNP", "NNPS")


def _stray(t: Token) -> bool:
    """A mark or space the parser made a subject; '%' ('85% of Democrats said') is a noun."""
    return t.is_space or (t.is_punct and t.text != "%")


def _passive(cue: Token) -> bool:
    """A speech verb in the passive: 'was told', 'is said to', or a bare participle clause ('Asked about X, ...',
    'when asked if ...')."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        return True
    return cue.tag_ == "VBN" and cue.dep_ == "advcl" and not any(c.dep_ in ("aux", "nsubj") for c in cue.children)


def _agent(verb: Token) -> Token | None:
    """The object of a passive verb's 'by' ('asked by reporters', 'as reported by the Post')."""
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is not None and (agent.text.isdigit() or agent.lower_ in _NOT_AGENT):
        agent = None  # 'told by phone', 'reported by Friday': how or when, not who
    if agent is None and any(c.dep_ == "auxpass" for c in verb.children):
        # 'has been called "strategic ambiguity" by Joshua Hendrick', 'was described as "a disaster" by Baker': the
        # parser hangs the 'by' on what the thing was called; a person there is the agent ('by 2020' is not)
        named = [c for c in verb.children if c.dep_ in ("oprd", "dobj", "attr")]
        named += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for o in c.children if o.dep_ == "pobj"]
        agent = next((g for x in [verb] + named
                      for c in x.children if c.dep_ == "prep" and c.lower_ == "by" and c.i > verb.i
                      for g in c.children if g.dep_ == "pobj" and _person(g)), None)
    return agent


def _named(verb: Token, s: Token) -> tuple[Token | None, str]:
    """The subject `s` of `verb` as a speaker: a relative pronoun stands for the noun its clause modifies;
    an expletive or a clause names nobody; a document whose maker the sentence names stands for its maker."""
    if s.lower_ in RELATIVE and verb.dep_ == "relcl":
        # "Helen Ortiz, who called them ...": the noun the clause modifies
        return _maker(verb.head) or verb.head, "relative"
    if s.dep_ == "csubj" or s.lower_ in {"there", "that", "this", "which", "what", "who"}:
        return None, "none"
    if s.tag_ == "IN" and any(c.dep_ == "pobj" for c in s.children):
        # 'Of Carson, Levine, who ..., said': a fronted phrase the parser made the subject; the name set beside
        # its object speaks, never the object
        app = [a for c in s.children if c.dep_ == "pobj" for a in c.children if a.dep_ == "appos"]
        return (app[0], "subject") if app else (None, "none")
    return _maker(s) or s, "subject"


def _maker(doc_noun: Token) -> Token | None:
    """Who made, issued or showed a document credited as the speaker: 'Trump released a video that said "..."'
    (the subject of a making verb whose object it is), 'voted for the resolution, which said', 'an email sent
    out by Sanders warned' (its participle's agent), 'Rubio's press release said' (its named owner). None when
    the sentence does not say."""
    words = lexicons.document_makers()
    if doc_noun.lower_ not in words["document"]:
        return None
    for c in doc_noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and (agent := _agent(c)) is not None:
            return agent
        if c.dep_ == "poss" and c.tag_ in ("NNP", "NNPS"):
            return c  # 'Rubio's press release said': a named owner wrote it
    v = doc_noun.head
    if doc_noun.dep_ == "pobj" and v.dep_ == "prep":
        v = v.head
    elif doc_noun.dep_ != "dobj":
        return None
    if v.lower_ not in words["maker"] or not v.tag_.startswith("VB"):
        return None
    subj = [c for c in v.children if c.dep_ == "nsubj" and not _stray(c)]
    t = _named(v, subj[0])[0] if subj else None
    return t if t is not None and t.lower_ not in words["document"] else None


def np_span(tok: Token) -> tuple[int, int]:
    """Token range [i, j) of the noun phrase headed by `tok`, without appositions or clauses."""
    lo = hi = tok.i
    for t in tok.subtree:
        path_ok = True
        x = t
        while x.i != tok.i:
            if x.dep_ not in NP_KEEP or x.tag_ in {",", "``", "''", "-LRB-", "-RRB-"}:
                path_ok = False
                break
            x = x.head
        if path_ok:
            lo, hi = min(lo, t.i), max(hi, t.i)
    # keep the phrase contiguous: stop at the first punctuation inside it, or at a date the parser hung on it
    doc = tok.doc
    hi = min([hi] + [c.i - 1 for c in tok.children if _on_date(c, tok)])
    for k in range(tok.i + 1, hi + 1):  # the head itself always stays: the span is never empty
        if doc[k].is_punct and doc[k].text not in {".", "'", "-", "&"} and not doc[k].text.endswith("."):
            hi = k - 1
            break
    for k in range(tok.i - 1, lo - 1, -1):
        if doc[k].is_punct and doc[k].text not in {".", "'", "-", "&"} and not doc[k].text.endswith("."):
            lo = k + 1
            break
    while hi > tok.i and doc[hi].dep_ in {"cc", "prep", "case"}:
        hi -= 1
    if lo < tok.i and inverted_cue(doc[lo], tok.i + 1):
        lo += 1
    return lo, hi + 1


def inverted_cue(first: Token, end: int) -> bool:
    """'Said Ellis: "..."': a capitalised speech verb opening the sentence, before a name and a colon (token
    `end`), is the inverted attribution the tagger read as part of the name ('Said Jalili, the ...' is a name)."""
    doc = first.doc
    return first.is_sent_start and first.text[:1].isupper() and first.lower_ in lexicons.speech_verbs() \
        and first.i + 1 < end and doc[first.i + 1].text[:1].isupper() and doc[end:end + 1].text == ":"


def _on_date(x: Token, head: Token) -> bool:
    """'the mayor on Tuesday said': a date the parser hangs on the speaker's noun says when, not who speaks
    ('an adviser on the campaign' keeps its 'on')."""
    # read from words, not entities: the entity recogniser runs after attribution
    return x.dep_ == "prep" and x.lower_ == "on" and x.i > head.i \
        and any(c.dep_ == "pobj" and any(w.lower_ in _WHEN for w in c.subtree) for c in x.children)


def mention_of(b: Block, tok: Token) -> Span:
    """The speaker's mention: the named entity the head belongs to, else its noun phrase."""
    i, j = np_span(tok)
    doc = tok.doc
    s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    return Span(b.start + s, b.start + e, doc[i:j].text)  # == doc.text[s:e], without building doc.text


def _inside(tok: Token, b: Block, segs: list[Span]) -> bool:
    a, z = b.char(tok)
    if len(segs) > 8:  # sorted, disjoint segments: only the last one starting by a + 1 can hold the token
        k = bisect_right(segs, a + 1, key=lambda s: s.start) - 1
        return k >= 0 and z <= segs[k].end + 1
    return any(s.start - 1 <= a and z <= s.end + 1 for s in segs)


def _choose_cue(q: RawQuote, b: Block, sent: SpacySpan, all_segs: list[Span], kind: str) -> tuple[Token | None, str]:
    inside = [t for t in sent if _inside(t, b, q.segments)]
    outside = [t for t in sent if not _inside(t, b, all_segs)]
    cues = [t for t in outside if is_cue(t)]
    # 0. '"...," as a Treasury memo put it': an as-clause right after the quote says whose words they are,
    # whatever verb the parser hangs the quote on
    after = [t for t in outside if b.start + t.idx > q.closes[-1] >= 0 and not t.is_punct][:1]
    if after and after[0].lower_ == "as" and after[0].dep_ == "mark" and is_cue(after[0].head) \
            and _subjects(after[0].head, after[0].head):
        return after[0].head, "as-clause"
    # 0b. '...: "X," the senator says.': a direct quote ending in , ? ! followed at once by a speech verb with a
    # speaker of its own has its attribution there, whatever verb before the quote the parser hangs it on;
    # not when a speech verb introduces the quote right before its opening mark ('Trump said: "X," the Times
    # reported': the Times relays)
    gov = next((x for x in _governors(inside, b, q.segments, 6) if is_cue(x) and not _inside(x, b, all_segs)), None)  # for 1.
    intro = gov is not None and b.char(gov)[1] <= q.opens[0] \
        and all(t.is_punct or t.is_space for t in gov.doc[gov.i + 1:b.token(q.opens[0]).i])
    if kind == "direct" and not intro and q.text.rstrip()[-1:] in (",", "?", "!"):
        for t in [t for t in _words_after(q, b, all_segs) if t.i < sent.end][:4]:  # in the quote's own sentence
            # ('"X," when Clinton blasted him': a subordinate clause is no attribution)
            if is_cue(t) and t.lower_ != "according" and not any(c.dep_ == "mark" or c.tag_ == "WRB" for c in t.children) \
                    and speaker_of(t)[0] is not None:
                return t, "parse-governs"
    # 1. a speech verb governing the quote: he said "X" / said it had "suspended" contact
    if gov is not None:
        return _outer_cue(gov, b, all_segs), "parse-governs"
    # 2. a speech verb the quote governs: "X," he said (parsed as parataxis)
    for c in cues:
        x = c
        while x.i != x.head.i and not _inside(x, b, q.segments):
            x = x.head
        if _inside(x, b, q.segments):
            return c, "parse-governed"
    # 3. the nearest speech verb of the sentence
    if cues:
        a = q.start
        return min(cues, key=lambda t: abs(b.char(t)[0] - a)), "sentence-cue"
    # 4. a quoted sentence of 4+ words governed by any verb with a subject: open-class cues no lexicon lists
    # (a partial quote with no speech verb is left to the speech model, which credits the main verb's subject)
    if kind == "direct" and len(q.text.split()) >= 4:
        for x in _governors(inside, b, q.segments, 4):
            if x.tag_.startswith("VB") and not _inside(x, b, all_segs) and any(c.dep_ in ("nsubj", "nsubjpass") for c in x.children):
                return x, "governing-verb"
    return None, "none"


def _governors(inside: list[Token], b: Block, segs: list[Span], n: int) -> Iterator[Token]:
    """For each token of a quote, the first `n` heads above the quote's own words, nearest first."""
    for t in inside:
        below, x = t, t.head
        while x.i != x.head.i and _inside(x, b, segs):
            below, x = x, x.head
        # 'Trump said Romney begged him and "would have dropped to his knees"': a quoted predicate coordinated
        # with a speech verb shares that verb's subject, not its speech; the verb above reports it
        k = n
        if below.dep_ == "conj" and below.tag_.startswith("VB") and _inside(below, b, segs) and is_cue(x) \
                and not any(c.dep_ in SUBJ for c in below.children):
            x, k = x.head, (n - 1 if x.i != x.head.i else 0)
        for _ in range(k):
            yield x
            if x.i == x.head.i:
                break
            x = x.head


def _outer_cue(cue: Token, b: Block, all_segs: list[Span]) -> Token:
    """Nested reporting ("Schultz said the platform should reiterate '...'"): when the nearest speech verb's
    subject is no person (a common noun that is no title), or the verb is not finite or negated, a speech
    verb above it with a subject is the one that speaks; a person's report holding the cue speaks too."""
    spk, _ = speaker_of(cue)
    # a speech verb that is no finite report of its own is part of the outer speaker's claim: 'Clinton said she
    # expects Obama to announce an "intensification"' is Clinton's word (a relative clause is the writer's aside)
    # ('Ryan saying he was "encouraged" and Trump calling it a "great meeting"': a participle with a subject of
    # its own is a report of its own)
    finite = cue.tag_ not in ("VB", "VBG", "VBN") or cue.dep_ == "relcl" \
        or cue.tag_ == "VBG" and any(c.dep_ == "nsubj" for c in cue.children)
    if finite and _person(spk) and not _negated(cue):
        return _reporter(cue, b, all_segs)
    # ('you can't yell "fire"': what a speaker did not say is no quote of theirs; a speech verb above may speak)
    # A verb that is no finite report belongs to the report above it whoever makes that report ('critics say he
    # had proposed to "dismantle" it', 'a letter calls for the party to respond'); not a passive cue ('Asked if
    # ..., 72 percent said': nobody named asked), and not past a participle with a subject of its own.
    # ('... an architect who said he was stiffed, saying, "..."': a participle set off by a comma tells what the
    # main clause's subject did, wherever the parser hangs it)
    relax = not finite and not _passive(cue) and not (cue.tag_ == "VBN" and cue.dep_ == "acl") \
        and not (cue.tag_ == "VBG" and cue.i > 0 and cue.doc[cue.i - 1].text == ",")
    x = cue
    for _ in range(6):
        # 'She said X, and when pressed, the mother replied, "..."': a verb coordinated with a subject of its own
        # is a report of its own, wherever the parser hung it
        if x.i == x.head.i or finite and x.dep_ == "conj" and any(c.dep_ in SUBJ for c in x.children):
            break
        x = x.head
        if is_cue(x) and not _inside(x, b, all_segs):
            s = speaker_of(x)[0]
            # (not through a passive to its agent: 'was quoted by Xinhua as saying' is Xinhua relaying)
            if _person(s) or relax and s is not None and s.lower_ not in ("it", "this", "that") and not _passive(x):
                return _reporter(x, b, all_segs)
        elif relax and x.tag_ == "VBG" and any(c.dep_ == "nsubj" for c in x.children):
            relax = False  # 'with Lewandowski taking to Twitter to call ...': that participle's subject speaks
    return cue


def _reporter(cue: Token, b: Block, all_segs: list[Span]) -> Token:
    """'Rep. Meeks said Clinton reassured them that Democrats "were not going to be like Trump"': the words in
    marks are what the reporting person told the writer, so a person's speech verb whose reported clause holds
    the cue speaks. Not an outlet that relays it ('..., Right Wing Watch reported'), nor a negated verb."""
    x = cue
    for _ in range(6):
        if x.dep_ != "ccomp" or x.head.i == x.i:
            break
        x = x.head
        if is_cue(x) and not _inside(x, b, all_segs) and not _negated(x) \
                and lexicons.speech_verbs().get(x.lower_) != "report":
            s = speaker_of(x)[0]
            if _person(s) and not lexicons.is_media(s.doc[slice(*np_span(s))].text):
                return x
    return cue


def _negated(verb: Token) -> bool:
    """'did not say', 'can't yell': a verb with a negation of its own."""
    return any(c.dep_ == "neg" for c in verb.children)


def _person(t: Token | None) -> bool:
    """A speaker token that names a person: a pronoun, a name, a title word ('the California congressman'), or
    a word news style uses for unnamed people ('a source said the hackers sought "economic intelligence"')."""
    return t is not None and (t.tag_ in ("PRP", "NNP", "NNPS") or t.ent_type_ == "PERSON"
                              or t.lower_ in lexicons.title_words() and t.lower_ not in lexicons.org_words()
                              or t.lower_ in lexicons.anonymous_words())


def _colon_before(text: str, q: RawQuote, b: Block) -> Token | None:
    """The colon token right before the quote's opening mark, if there is one."""
    j = q.opens[0] - 1
    while j >= b.start and text[j].isspace():
        j -= 1
    if j < b.start or text[j] != ":" or b.doc is None:
        return None
    return b.token(j)  # the colon may share a token with a bracket before it ('(D-Ohio):')


def _colon_intro(text: str, q: RawQuote, b: Block, sent: SpacySpan) -> Token | None:
    """`Lavrov: "..."` or `He told the crowd: "..."`: the subject (else last noun) of the short clause before the colon."""
    colon = _colon_before(text, q, b)
    if colon is None:
        return None
    # counted from the colon's own sentence, so a long paragraph does not hide "... said. Bush: '...'"
    toks = list(b.doc[colon.sent.start:colon.i])
    if not toks or len(toks) > 12:
        return None
    depth, kept = 0, []
    for t in toks:  # 'Rep. Trey Gowdy (R-S.C.):' - the party and state in brackets name no one
        depth += t.text.count("(") - t.text.count(")")
        if depth == 0 and ")" not in t.text:
            kept.append(t)
    toks = kept or toks
    maker = _statement_maker(toks)
    if maker is not None:
        return maker
    subj = [t for t in toks if t.dep_ in ("nsubj", "nsubjpass") and (t.tag_.startswith("NN") or t.tag_ == "PRP")]
    if subj:
        return subj[0]
    nouns = [t for t in toks if t.tag_.startswith("NN") or t.tag_ == "PRP"]
    return nouns[-1] if nouns else None


# Prepositions of a topic: 'Trump on Clinton's remarks:', 'responded to a tweet by Ruiz:' - the remark is what is answered
_TOPIC_PREP = {"on", "about", "to", "at", "over", "against", "after"}


def _statement_maker(toks: list[Token]) -> Token | None:
    """'rated this statement by Smith on June 11:', "Ruiz's statement:", 'a message from the mayor:': the person who
    made the statement or document an intro ends on; the quote after the colon is theirs, not the intro's subject's."""
    nouns = _statement_nouns()
    for t in reversed(toks):
        if t.tag_.startswith("VB"):
            return None  # a verb after the noun: the intro runs on past the statement
        if t.tag_.startswith("NN") and t.lower_ in nouns:
            if t.dep_ == "pobj" and t.head.lower_ in _TOPIC_PREP:
                return None
            made = [c for c in t.children if c.dep_ == "poss" and (_person(c) or c.tag_ == "PRP$")]
            # its by/from/of phrase, also when the parser hung it on the verb ('rated this statement by Smith')
            after = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else t
            made += [o for c in {*t.children, after} if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
                     for o in c.children if o.dep_ == "pobj" and _person(o)]
            return made[0] if made else None
    return None


@cache
def _statement_nouns() -> frozenset[str]:
    """Nouns of what someone said or issued: speech nouns and documents."""
    return lexicons.speech_nouns() | lexicons.document_makers()["document"]


def _long_colon_intro(text: str, q: RawQuote, b: Block, all_segs: list[Span]) -> Token | None:
    """'The Ruiz campaign, in a memo on the tax dispute, put it more carefully: "..."': a colon after a clause
    too long for `_colon_intro`, tried only when no other rule finds a speaker: the subject of the clause's
    main verb, when it names a person or a body (a name, a pronoun, a title or organisation word)."""
    colon = _colon_before(text, q, b)
    if colon is None or colon.i - colon.sent.start <= 12:
        return None
    lo = colon.sent.start
    # the clause's own head: the word before the colon hung on nothing before it (the parse may hang it on the quote)
    tops = [t for t in colon.doc[lo:colon.i] if t.tag_.startswith("VB") and not lo <= t.head.i < colon.i or t.head.i == t.i]
    subj = [c for c in tops[0].children if c.dep_ == "nsubj" and c.i < colon.i and not _inside(c, b, all_segs)] if len(tops) == 1 else []
    if not subj:
        return None
    s = subj[0]
    return s if s.lower_ != "it" and (_person(s) or s.lower_ in lexicons.org_words()) else None


# '... lead - Carl Bialik: "..."', '- More from Jones: "..."': a newsletter's signature between a dash and a colon
_DASH_COLON = re.compile(r"(?:^|\s)[-\u2013\u2014]\s*(?:More from\s+)?([A-Z][\w.'\u2019&-]*(?:\s+(?:[A-Z][\w.'\u2019&-]*|and|of))*)\s*:\s*$")


def _dash_colon(text: str, q: RawQuote, b: Block) -> tuple[Token, Span] | None:
    """The name signed between a dash and a colon right before the opening mark, on the quote's line: its
    last token and the whole name ('Frank Newport and Jim Harter'), which the parse may not join."""
    m = _DASH_COLON.search(text, _line_start(text, q.opens[0]), q.opens[0])
    if m is None or b.doc is None or len(m.group(1).split()) > 6:
        return None
    tok = b.token(m.end(1) - 1)
    return (tok, Span(m.start(1), m.end(1), m.group(1))) if tok is not None else None


def _headline_colon(text: str, q: RawQuote, b: Block) -> Token | None:
    """Headline style `'X': Speaker`: a short phrase after the closing mark and a colon ends the line."""
    c = q.closes[-1]
    if c < 0:
        return None
    rest = text[c + 1:b.end]
    m = re.match(r"\s*:\s*(\S.{0,60})$", rest)
    if not m or b.doc is None:
        return None
    start = c + 1 + m.start(1) - b.start
    nouns = [t for t in b.doc if t.idx >= start and t.tag_.startswith("NN")]
    return nouns[-1] if nouns else None


_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
           "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec."}
# words of a date ('on Tuesday', 'on Thursday evening', 'in March')
_WHEN = _CALENDAR - {"today", "yesterday"} | {"morning", "afternoon", "evening", "night", "weekend"} | _MONTHS
# a passive 'by' that says how or when, not who ('told by phone', 'by Friday', 'by the end of the year')
_NOT_AGENT = _CALENDAR | _WHEN | {"phone", "telephone", "email", "e-mail", "mail", "text", "letter", "end"}
# days and months, for the resolver: a capitalised word after a title that is no name ('told the senator Tuesday')
DATE_WORDS = frozenset(_CALENDAR | _MONTHS)
_NP_TAGS = {"DT", "JJ", "NNP", "NNPS", "NN", "NNS", "POS", "HYPH", "CD", "PRP$", "NFP"}


def _after_inverted(text: str, cue: Token, b: Block) -> Token | None:
    """'"...," said Oversight ranking Democrat Elijah Cummings' / 'read the statement' / 'Continued Stone:':
    a cue right after a closing mark (or opening a line) whose subject the parser missed: the noun
    phrase right after it."""
    before = re.sub(r"[\s,\u2014\u2013-]+$", "", text[b.start:b.start + cue.idx])  # \s: a no-break space too
    if before and before[-1] not in "\"\u201d\u2019'" and cue.i != cue.sent.start:
        return None
    doc = cue.doc
    j = cue.i + 1
    while j < len(doc) and doc[j].tag_ in ("RB", "RP") and not doc[j].text[:1].isupper():
        j += 1
    head = None
    # a capitalised word is a name whatever its tag ("said Skelly" tagged RB); a participle may stand
    # inside the phrase ("said retired neurosurgeon Ben Carson", "Oversight ranking Democrat ...")
    while j < len(doc) and (doc[j].tag_ in _NP_TAGS or doc[j].tag_ in ("VBN", "VBG") or doc[j].text[:1].isupper()) \
            and not (doc[j].is_punct and doc[j].text not in "-'") and doc[j].lower_ not in _CALENDAR:
        if doc[j].tag_.startswith("NN") or (doc[j].text[:1].isupper() and doc[j].is_alpha):
            head = doc[j]
        j += 1
    if head is not None and head.i == cue.i + 1 and not head.tag_.startswith("NNP") \
            and (not head.text[:1].isupper() or head.tag_ in ("PRP", "DT", "WDT")):
        return None  # one word after the cue is a name if capitalised ('said Skelly', tagged RB), not 'said It'
    return head


def _before_cue(cue: Token, b: Block, all_segs: list[Span]) -> Token | None:
    """A cue the parser left without a subject although a noun phrase stands right before it:
    'Beruff, a Scott ally, called ...' read as a reduced relative (acl), 'Conway notes', 'Will described'
    (Will tagged as a modal), "About 4 in 10 say". The noun right before the cue (past adverbs and a modal) is the speaker."""
    doc = cue.doc
    if cue.dep_ == "acl":
        # a reduced relative on a noun that has no verb of its own to be the subject of
        h = cue.head
        if h.i < cue.i and (h.dep_ in ("ROOT", "appos") or (h.dep_ in SUBJ and not h.head.tag_.startswith("VB"))) \
                and not _inside(h, b, all_segs):
            return h
        return None
    if cue.dep_ not in ("ROOT", "conj", "ccomp") or cue.tag_ not in ("VBD", "VBZ", "VBP", "VBN"):
        return None
    j = cue.i - 1
    while j >= cue.sent.start and (doc[j].tag_ in ("RB", "MD") and not doc[j].text[:1].isupper()):
        j -= 1
    if j < cue.sent.start:
        return None
    t = doc[j]
    if t.text == "," and j - 1 >= cue.sent.start:
        # 'Marcel Lazar, 44, said' / 'Jeffrey Salkin, a rabbi helping to organize the boycott, said':
        # the noun an apposition ending right before the cue belongs to
        x = doc[j - 1]
        for _ in range(6):
            if x.dep_ == "appos" and x.head.i < x.i and x.head.tag_ in ("NNP", "NNPS", "NN", "NNS"):
                return None if _inside(x.head, b, all_segs) else x.head
            if x.head.i == x.i or x.head.i >= cue.i:
                break
            x = x.head
        return None
    if t.tag_ in ("MD", "RB", "JJ") and t.text[:1].isupper() and j > cue.sent.start:
        return t  # 'Will described', 'And Skelly called': a name the tagger read as a modal or an adverb
    if t.tag_ in ("NN", "NNS", "NNP", "NNPS", "PRP", "CD") and t.dep_ not in ("pobj", "dobj", "poss") \
            and not _inside(t, b, all_segs):
        return t
    run = list(doc[max(cue.sent.start, j - 4):j + 1])
    k = max((r.i for r in run if r.text in ("\"", "\u201d", "''")), default=None)
    if k is not None and t.text[:1].isupper() and t.is_alpha and all(r.is_alpha for r in doc[k + 1:j + 1]):
        # '"...," screenwriter Ana Ruiz wrote' with the title read as a verb and the name as its object: a short
        # run of words between the closing mark and the cue ends in the speaker's name
        return t
    # 'Sanders's team, a White House official who spoke anonymously, said': the subject read as an apposition
    ap = [a for a in cue.sent if a.dep_ == "appos" and a.i < cue.i and cue.i - 2 <= a.right_edge.i < cue.i]
    if ap and ap[-1].left_edge.i > 0 and doc[ap[-1].left_edge.i - 1].text == "(" and ap[-1].head.tag_ in ("NNP", "NNPS"):
        ap[-1] = ap[-1].head  # 'Sen. Elizabeth Warren (D-MA) said': a party and state in brackets name no one
    return ap[-1] if ap and not _inside(ap[-1], b, all_segs) else None


def _fronted_subject(cue: Token, b: Block, all_segs: list[Span]) -> Token | None:
    """'Ruiz, meanwhile, who sits on the board, said ...' / '"...," delegate Bill Hart, wearing a hat, said': a cue
    left without a subject because the parser hung the subject on the clause set between it and the cue; the
    noun phrase that opens the clause (or follows the quote's closing mark), ended by a comma, speaks."""
    if not cue.tag_.startswith("VB") or cue.lower_ == "according" or any(c.dep_ in SUBJ and not _inside(c, b, all_segs) for c in cue.children):
        return None
    doc, sent = cue.doc, cue.sent
    starts = [sent.start] + [t.i + 1 for t in doc[sent.start:cue.i] if t.text in ("\"", "\u201d", "''")]
    for s0 in starts:
        if s0 >= cue.i or _inside(doc[s0], b, all_segs):
            continue
        j, head = s0, None
        while j < cue.i and (doc[j].tag_ in _NP_TAGS or doc[j].text[:1].isupper()) and not doc[j].is_punct \
                and doc[j].lower_ not in _CALENDAR:
            if doc[j].tag_.startswith("NN") or doc[j].tag_ == "PRP":
                head = doc[j]
            j += 1
        # the phrase ends at a comma, with words set off between it and the cue (not '"...," Smith, said')
        if head is not None and head.i == j - 1 and doc[j].text == "," and cue.i - j >= 3:
            return head
    return None


_DASHES = "\u2015\u2014\u2013-"
_NAME_RUN = r"([A-Z][\w.'\u2019-]*(?:[^\S\n]+[A-Z][\w.'\u2019-]*){0,4})"  # up to five capitalised words
# a line of its own ends at its newline, not only at the end of the paragraph; any space but a newline
# (a no-break space often follows the dash)
_SIGNATURE = re.compile(rf"[^\S\n]*[{_DASHES}][^\S\n]*{_NAME_RUN}[^\S\n]*[.,]?[^\S\n]*$", re.M)
# A signature line of its own: a dash (segmentation may have trimmed it as a bullet), a name, then the line's
# end or a comma and a description.
_SIGNED_LINE = re.compile(rf"[{_DASHES}]?[^\S\n]*{_NAME_RUN}[^\S\n]*(?:,[^\n]*|\.?[^\S\n]*$)", re.M)


def _dash_signature(text: str, q: RawQuote, b: Block, bl: list[Block]) -> tuple[Token, Block] | None:
    """'"..." ― Pamela Padilla' / '"..." - Sanders.': a name after a dash ends the quote's line, or makes
    the next line ('- President Obama, tweeting after the speech.')."""
    c = q.closes[-1]
    if c < 0 or b.doc is None:
        return None
    m = _SIGNATURE.match(text, c + 1, b.end)
    k = signature_line(text, bl, q) if m is None else None
    if k is not None and bl[k].doc is not None:
        m, b = _SIGNED_LINE.match(text, bl[k].start, bl[k].end), bl[k]
    if m is None:
        return None
    end = m.end(1) - b.start
    toks = [t for t in b.doc if t.idx < end and t.idx >= m.start(1) - b.start and not t.is_punct]  # not the name's full stop
    return (toks[-1], b) if toks else None


def _subject_before(b: Block, upto: int, all_segs: list[Span]) -> tuple[Token, SpacySpan] | None:
    """The named person (a proper-noun subject) of the last sentence of block `b` that ends by `upto`."""
    if b.doc is None:
        return None
    before = [s for s in b.doc.sents if b.start + s.end_char <= upto]
    if not before:
        return None
    sent = before[-1]
    subj = [t for t in sent if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.tag_ == "NNP" and not _inside(t, b, all_segs)]
    if not subj:
        # the parser may make a later clause the root ('Ruiz is upbeat, in part because he sees ...' under 'sees'):
        # the first named subject of a clause no subordinating word ('because', 'if', 'when') opens
        subj = [t for t in sent if t.dep_ == "nsubj" and t.tag_ == "NNP" and not _inside(t, b, all_segs)
                and not any(c.dep_ == "mark" or c.tag_ == "WRB" for c in t.head.children)][:1]
    return (subj[0], sent) if subj else None


def _paragraph_before(text: str, bl: list[Block], q: RawQuote, all_segs: list[Span]) -> tuple[Token, Block] | None:
    """For a quote that opens its paragraph: the named subject of the last sentence of the paragraph before,
    when that paragraph holds no quotation mark."""
    k = before_line(text, bl, q)
    if k is None or bl[k].doc is None:
        return None
    if not re.search(r"[a-z]", q.text):
        return None  # a quote in capitals alone on its line is a section heading ("WE NEED UNITY NOW")
    found = _subject_before(bl[k], bl[k].end, all_segs)
    return (found[0], bl[k]) if found else None


def _words_after(q: RawQuote, b: Block, all_segs: list[Span]) -> list[Token]:
    """The words right after a quote's closing mark (a closing mark may lead), up to the next punctuation or
    quoted word: where an attribution that follows a quote stands ('"...," the senator says'). Read over the
    whole paragraph, as the sentence splitter may cut the tail off at '?"'."""
    c = q.closes[-1]
    out: list[Token] = []
    if c < 0 or b.doc is None:
        return out
    for t in b.doc[b.token(c).i:]:
        if b.start + t.idx <= c:
            continue
        if t.is_punct or t.is_space or _inside(t, b, all_segs):
            if out or not t.is_space and t.text not in "\"\u201d\u2019'":
                break
            continue  # the closing mark, or a space (a no-break one: '"...,"\u00a0added Gowdy')
        out.append(t)
    return out


# Words that may open the short noun phrase of a tail ('the editorial read', 'tweeted another').
_TAIL_DET = {"the", "a", "an", "one", "another", "his", "her", "their", "its", "two", "three", "some"}


def _short_tail(q: RawQuote, b: Block, all_segs: list[Span]) -> tuple[Token, list[Token]] | None:
    """'"...," the editorial read.' / '"...?" Hannity pressed.' / '"...," added Gowdy.': after a quote that ends
    on , ? ! or a dash, the sentence ends with a short noun phrase and one verb, in either order: (verb,
    the phrase's words). Read from the words, not the parse: the parser often leaves such a tail untagged or
    splits it off at '?"'."""
    if not q.text.rstrip().endswith((",", "?", "!", "\u2014", "-")):
        return None
    toks = _words_after(q, b, all_segs)
    # '"...," the ministry states in the memo': a speech verb the tagger read as a noun, a place or time after it
    k = next((i for i, t in enumerate(toks[:4]) if i and t.text.islower() and t.lower_ in lexicons.speech_verbs()
              and not t.tag_.startswith("VB") and i + 1 < len(toks) and toks[i + 1].tag_ == "IN"), None)
    if k is not None and all(t.is_alpha and not t.tag_.startswith("VB") for t in toks[:k]):
        toks = toks[:k + 1]
    if not 2 <= len(toks) <= 5 or not all(t.is_alpha for t in toks):
        return None

    def verbish(t: Token) -> bool:
        # a speech verb, 'read', or any lower-case past form ('pressed', 'cautioned') the lexicon lacks
        return t.lower_ in lexicons.speech_verbs() or t.lower_ in ("read", "reads") or (t.lower_.endswith("ed") and t.text.islower())
    if verbish(toks[0]):
        phrase, verb = toks[1:], toks[0]  # 'added Gowdy', 'tweeted another'
    elif verbish(toks[-1]):
        phrase, verb = toks[:-1], toks[-1]  # 'the editorial read', 'Hannity pressed'
    else:
        return None
    if phrase[-1].lower_ in ("the", "a", "an", "his", "her", "their", "its"):
        return None  # a determiner alone names no one
    if any(verbish(t) for t in phrase) or not all(t.text[:1].isupper() or t.lower_ in _TAIL_DET or t is phrase[-1] for t in phrase):
        return None
    if verb is toks[0] and phrase[-1].lower_ in ("it", "that", "this", "there", "he", "she", "they"):
        return None  # 'said it': the object, not an inverted subject
    return verb, phrase


def _verb_after(text: str, q: RawQuote, b: Block, sent: SpacySpan, all_segs: list[Span]) -> Token | None:
    """A verb within three tokens after the closing mark whose subject stands outside the quote."""
    c = q.closes[-1]
    if c < 0 or b.doc is None:
        return None
    after = [t for t in sent if b.start + t.idx > c and not _inside(t, b, all_segs)][:3]
    for t in after:
        if t.tag_.startswith("VB") and any(ch.dep_ in SUBJ and not _inside(ch, b, all_segs) for ch in t.children):
            return t
    return None


def _opened_by(bl: list[Block], q: RawQuote) -> int | None:
    """Index of the paragraph before the one `q` opens, if it opens one."""
    k = index_at(bl, q.opens[0])
    return k - 1 if k and bl[k].start == q.opens[0] else None


def intro_line(text: str, bl: list[Block], q: RawQuote) -> int | None:
    """Index of the paragraph right before a quote that opens its own paragraph, when that paragraph
    ends with a colon ("Breitbart News responded:")."""
    k = _opened_by(bl, q)
    return k if k is not None and text[bl[k].start:bl[k].end].rstrip().endswith(":") else None


# What a paragraph holding only quotes has outside them: marks, spaces and punctuation.
_ONLY_QUOTED = re.compile(r"(?:[\"\u201c][^\"\u201d]*[\"\u201d]|[^A-Za-z\"\u201c\u201d])*")


def before_line(text: str, bl: list[Block], q: RawQuote) -> int | None:
    """Index of the paragraph right before a paragraph holding nothing but quoted words, when that paragraph
    holds no quotation mark: the paragraph-before rule reads the subject of its last sentence (parsed for it).
    A quote with words of its own around it has its attribution there."""
    k = _opened_by(bl, q)
    if k is None or _has_mark(text, bl[k].start, bl[k].end) or not _ONLY_QUOTED.fullmatch(text, q.opens[0], bl[k + 1].end):
        return None
    return k


def signature_line(text: str, bl: list[Block], q: RawQuote) -> int | None:
    """Index of the line right after a quote that ends its own line, when that line is a dash and a name
    ('- President Obama, tweeting after the speech.')."""
    c = q.closes[-1]
    k = index_at(bl, c) if c >= 0 else None
    if k is None or k + 1 >= len(bl) or text[c + 1:bl[k].end].strip(" ."):
        return None
    nxt = bl[k + 1]
    # the dash opens the line (segmentation may have trimmed it as a bullet)
    gap = text[bl[k].end:nxt.start].rstrip()
    dashed = bool(gap) and gap[-1] in _DASHES or text[nxt.start] in _DASHES
    return k + 1 if dashed and _SIGNED_LINE.match(text, nxt.start, nxt.end) else None


def _previous_line_intro(text: str, bl: list[Block], q: RawQuote) -> tuple[Token | None, Token, Block, SpacySpan] | None:
    """The paragraph before the quote ends with a colon: its cue and speaker."""
    k = intro_line(text, bl, q)
    if k is None or bl[k].doc is None:
        return None
    pb = bl[k]
    sent = list(pb.doc.sents)[-1]
    cues = [t for t in sent if is_cue(t)]
    for c in cues:
        spk, _ = speaker_of(c)
        if spk is not None:
            return c, spk, pb, sent
    words = [t for t in sent if not t.is_space]
    maker = _statement_maker(words[:-1]) if words and words[-1].text == ":" else None
    if maker is not None:
        return None, maker, pb, sent
    subj = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ not in ("WP", "DT", "EX")]
    if subj:
        return None, subj[0], pb, sent
    # 'Stated Ruiz:' / 'Added Jo Lee:': an inverted intro line the tagger reads as a name; the name speaks
    end = sent.end - 1
    if len(sent) <= 7 and inverted_cue(sent[0], end):
        return None, pb.doc[end - 1], pb, sent
    return None


def kind_of(text: str, q: RawQuote, b: Block) -> str:
    """direct: a quoted sentence (capitalised, standing at a sentence start or after : or ,); else partial."""
    first = next((ch for ch in q.segments[0].text if ch.isalnum()), "")
    before = text[b.start:q.opens[0]].rstrip()
    at_start = not before or before[-1] in ".!?:;,\u2014\u2013-([\u201d\"'" or before.endswith("...")
    if first and (first.isupper() or first.isdigit()) and at_start:
        return "direct"
    if q.text.startswith(("...", "\u2026")) and at_start:
        return "direct"
    return "partial"


_SMALL = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "or", "with", "from", "by"}


def _work_title(text: str, q: RawQuote, headline_only: bool = False) -> bool:
    """A title of a work or a name, not speech: the book "X", dubbed "X", MSNBC's "Morning Joe",
    and markup attribute values (timestamp="...")."""
    before = text[max(0, q.opens[0] - 30):q.opens[0]]
    words = re.findall(r"[a-z\-]+", before.lower())
    if before.endswith("="):
        return True
    # a work's title is capitalised: lowercase words after 'the program' or 'a report' are what was said of it
    # ('called the program "worse than amnesty"'), except after the scare-quote markers
    lower = q.text[:1].islower() and len(q.text.split()) >= 2 and words and words[-1] not in {"so-called", "hashtag"}
    if not headline_only and words and words[-1] in lexicons.work_words() and not lower:
        return True
    ws = re.findall(r"[A-Za-z][\w'\u2019-]*", q.text)
    big = [w for w in ws if w.lower() not in _SMALL]
    if not (big and len(ws) <= 8 and all(w[0].isupper() for w in big)):
        return False
    # title case beside a word of media, works or merchandise names a show, an outlet or a slogan, not speech
    # ('told "Fox and Friends,"', 'the podcast "Pod Save America"', 'a "Make America Great Again" hat')
    if q.text.rstrip()[-1:] not in ".!?":
        around = lexicons.title_context()
        nxt = re.match(r"[,.]?[\"'\u201d\u2019]?\s+([A-Za-z][\w-]*)", text[q.closes[-1] + 1:q.closes[-1] + 30]) if q.closes[-1] >= 0 else None
        if words and words[-1] in around["before"] \
                or nxt and nxt.group(1).lower() in around["after"]:
            return True
    # title case right after a possessive or a preposition names a show, a book or a slogan
    # ("ABC's "This Week"", "said on "Meet the Press"", "host of "The Nightly Show"")
    if not headline_only and re.search(r"(\w['\u2019]s|\b(?:on|of|in|at|for|from))\s*$", before):
        return True
    # title case inside a title-case line is a headline's name of a work, not speech (PolNeAR train: 3 of 44 were)
    ls, le = _line_start(text, q.opens[0]), _line_end(text, q.opens[0])
    around = re.findall(r"[A-Za-z][\w'\u2019-]*", text[ls:q.opens[0]] + " " + text[q.closes[-1] + 1 if q.closes[-1] >= 0 else le:le])
    long = [w for w in around if w.lower() not in _SMALL]
    # every word around it capitalised too ("Ruiz Says 'Meet the Press' Was Tough"), not '"Hello," said Anna Smith'
    return bool(long) and len(around) < 16 and all(w[0].isupper() for w in long)


# The whole quote in brackets: a transcript's stage direction ('"(CROSSTALK.)"', '"[Applause]"').
_STAGE = re.compile(r"\s*[(\[][^()\[\]]+[)\]][.,!?]?\s*")
# A lone personal pronoun in marks is the word itself ('because "she" is a "he"'), not something said.
_PRONOUNS = PRONOUNS | {"me", "us"}


def _not_words_said(text: str, q: RawQuote, kind: str) -> bool:
    """Quoted stretches that are not anyone's words: a stage direction, a pronoun used as a word, a nickname
    set between a given name and a surname ('Del. Marcia "Cia" Price'), a work's title set off by commas
    after the work's noun ('Ann Lee's commentary, "Tell your story," is moving')."""
    body = q.text.strip()
    if _STAGE.fullmatch(body):  # '"(CROSSTALK.)"' between two speakers' lines
        return True
    if kind == "partial" and body.rstrip(".,!?") in _PRONOUNS:  # 'simply because "she" is a "he"'
        return True
    if q.closes[-1] < 0:
        return False
    before, after = text[max(0, q.opens[0] - 40):q.opens[0]], text[q.closes[-1] + 1:q.closes[-1] + 60]
    # one capitalised word between a known given name and a capitalised word: a nickname inside a name
    given = re.search(r"\b([A-Z][a-z]+)\s*$", before)
    if re.fullmatch(r"[A-Z][\w.'\u2019-]*", body) and given and given.group(1).lower() in lexicons.first_names() \
            and re.match(r"\s+[A-Z][a-z]", after):
        return True
    # a title set off by commas after the work's noun and followed by the sentence's own verb, not by a
    # speaker and a speech verb ('in her memoir, "Keep Going," she wrote' is speech)
    noun = re.search(r"\b([a-z][a-z-]*),\s*$", before)
    if kind == "direct" and noun and noun.group(1) in lexicons.work_words() and len(body.split()) <= 8 \
            and body.endswith(",") and re.match(r"\s*(?:is|was|are|were|has|had|will|would|can|could|may|might|remains|makes|made|shows|showed|tells|told)\b", after):
        return True
    # a short title-case stretch there ('her documentary, "13th," below', 'his memoir, "Gifted Hands."') names the
    # work, unless a speech verb follows ('in her memoir, "Keep Going," she wrote')
    words = re.findall(r"[\w'\u2019-]+", body)
    if noun and noun.group(1) in lexicons.work_words() and 0 < len(words) <= 6 \
            and all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL for w in words) \
            and (body[-1] in ".!?" or not any(w.lower() in lexicons.speech_verbs() for w in re.findall(r"[A-Za-z]+", after)[:4])):
        return True
    return False


def attribute(text: str, bl: list[Block], raws: list[RawQuote]) -> tuple[list[Quote], list[Warning]]:
    """Quotes with cue, local speaker mention, evidence and confidence (speaker ids come later)."""
    quotes: list[Quote] = []
    warnings: list[Warning] = []
    all_segs = sorted(s for q in raws for s in q.segments)
    prev: Quote | None = None
    for q in raws:
        first = sent_at(bl, q.opens[0] + 1 if q.opens[0] + 1 < q.segments[0].end else q.segments[0].start)
        last_pos = q.closes[-1] if q.closes[-1] >= 0 else q.segments[-1].end - 1
        last = sent_at(bl, max(q.segments[-1].start, last_pos - 1))
        if first is None:
            continue
        kind = kind_of(text, q, first[0])
        cue = spk = None
        how = "none"
        ctx_b, ctx_s = first
        byline = _dash_colon(text, q, first[0]) if kind == "direct" else None
        if byline is not None:
            spk, how = byline[0], "colon"  # a signature names the speaker whatever verb the line before it has
        else:
            for b, s in ([last, first] if last and last[1] != first[1] else [first]):
                if b is None:
                    continue
                c, h = _choose_cue(q, b, s, all_segs, kind)
                if c is not None and (cue is None or CONFIDENCE[h] > CONFIDENCE[how]):
                    cue, how, ctx_b, ctx_s = c, h, b, s
        tail = _short_tail(q, last[0], all_segs) if cue is None and spk is None and last is not None else None
        if tail is not None:
            cue, spk, how, ctx_b, ctx_s = tail[0], tail[1][-1], "verb-after-quote", last[0], last[1]
        if cue is None and spk is None:
            tok = _colon_intro(text, q, first[0], first[1])
            if tok is not None:
                spk, how, ctx_b, ctx_s = tok, "colon", first[0], first[1]
            else:
                tok = _headline_colon(text, q, first[0])
                if tok is not None:
                    spk, how, ctx_b, ctx_s = tok, "headline-colon", first[0], first[1]
        if cue is None and spk is None and kind == "direct" and last is not None:
            # '"...," Bennett retorted': any verb with its own subject right after the closing mark
            c = _verb_after(text, q, last[0], last[1], all_segs)
            if c is not None:
                cue, how, ctx_b, ctx_s = c, "verb-after-quote", last[0], last[1]
        if cue is None and spk is None and kind == "direct" and last is not None:
            # a pull quote signed with a dash after it: '"..." ― Pamela Padilla'
            signed = _dash_signature(text, q, last[0], bl)
            if signed is not None:
                spk, how, ctx_b, ctx_s = signed[0], "dash-signature", signed[1], signed[0].sent
        if cue is None and spk is None and last is not None:
            # a speech verb elsewhere in the paragraph: "X." He said it twice. "Y."
            b = last[0]
            cues = [t for t in b.doc if is_cue(t) and not _inside(t, b, all_segs)]
            if cues and kind == "direct":
                # nearest to the quote's words, before or after them (not to its start: a long quote is far from its cue)
                c = min(cues, key=lambda t: q.start - b.char(t)[0] if b.char(t)[0] < q.start else b.char(t)[0] - q.end)
                if prev is not None and prev.ctx is not None and prev.ctx.block is b and prev.ctx.cue in cues \
                        and prev.end <= b.char(prev.ctx.cue)[0] < q.start:
                    # '"X," Trump said at his party, after outlets declared him the victor. "Y."': the cue of
                    # the quote just before, standing between the two, speaks for both
                    c = prev.ctx.cue
                cue, how, ctx_b = c, "paragraph-cue", b
                ctx_s = c.sent
        if cue is None and spk is None and kind == "direct":
            # (after the quote's own paragraph) 'X issued the following statement:' on the line before the quote
            found = _previous_line_intro(text, bl, q)
            if found is not None:
                cue, spk, ctx_b, ctx_s = found
                how = "colon-paragraph"
        if cue is not None and spk is None:
            spk, why = speaker_of(cue)
            if spk is not None and _inside(spk, ctx_b, all_segs) and not _inside(cue, ctx_b, all_segs):
                # a subject inside quotation marks is quoted words, not the speaker ('"Toil on," Frank writes')
                alt = [c for c in cue.children if c.dep_ in SUBJ and not _inside(c, ctx_b, all_segs)]
                x = cue
                while not alt and x.head.i != x.i and not _inside(x.head, ctx_b, all_segs):
                    # 'Baker fired back, tweeting at him, "you are a liar"' with the quote parsed as the
                    # sentence's root: the first subject met climbing from the cue, short of the quote's words
                    x = x.head
                    alt = [c for c in x.children if c.dep_ in SUBJ and not _inside(c, ctx_b, all_segs)]
                spk = alt[0] if alt else None
            if spk is None and why != "passive":
                spk = _after_inverted(text, cue, ctx_b)
            if spk is None and why != "passive":
                spk = _before_cue(cue, ctx_b, all_segs)
            if spk is None and why != "passive":
                spk = _fronted_subject(cue, ctx_b, all_segs)
            if cue.lower_ == "according":
                how = "according-to" if how != "paragraph-cue" else how
        if prev is not None and prev.speaker is not None and prev.kind == "direct" and prev.text.endswith(",") \
                and how in {"none", "paragraph-cue", "sentence-cue"} and _GAP.match(text[prev.end:q.start]):
            # '"The way I see it," she elaborated, "no one ..."': the second half of an interrupted quote
            prev.segments.extend(q.segments)
            continue
        if q.single and _HEADING.fullmatch(text, _line_start(text, q.opens[0]), _line_end(text, q.start)):
            continue  # a line that is only a single-quoted phrase is a section heading (NYT, AFP), not speech
        if kind == "partial" and _work_title(text, q) \
                or kind == "direct" and how not in {"colon", "headline-colon"} and _work_title(text, q, headline_only=True):
            continue  # titles of works and names: not speech
        if _not_words_said(text, q, kind):
            continue  # a nickname, a stage direction or a pronoun named as a word: not speech
        # a partial quote no speech verb governs, or a short "direct" one with no speech verb ('"Related:"',
        # '"Nooooo!"'): a scare quote, a name or a heading, or speech the model may recognise
        doubtful = kind == "partial" and how in {"none", "sentence-cue", "paragraph-cue", "headline-colon"} \
            or kind == "direct" and how in {"none", "colon", "headline-colon", "verb-after-quote"} and len(q.text.split()) <= 3
        if doubtful and _title_case(q.text):
            continue  # a title-case phrase no speech verb governs names a show, a group or a slogan
        if doubtful:
            # the fitted model keeps those that read as speech; one with no cue needs someone to credit
            # ('likened the refugees to a "vicious snake"': the main verb's subject)
            inside = [t for t in first[1] if _inside(t, first[0], q.segments)]
            top = _top(inside, first[0], q) if inside else None
            if top is None or not _doubtful_is_speech(text, q, inside, top, how, kind):
                continue
            if how == "none" and kind == "partial":
                cue, spk = _doubtful_speaker(q, top, first[0], all_segs)
                thing = spk is not None and not _may_speak(spk)
                if thing:
                    # 'Byrd's strategy of "massive resistance"': a thing as the main verb's subject speaks for no
                    # one; the words may be someone's, so they stay, credited to nobody
                    cue = spk = None
                elif spk is None:
                    # not a quote without someone to credit (PolNeAR scores a found quote with no speaker as
                    # a wrong one), but not dropped silently either
                    warnings.append(Warning("unattributed-phrase", "quoted words that read as speech, with no one to credit",
                                            q.start, q.end))
                    continue
                ctx_b, ctx_s = first
                if not thing:
                    how = "speech-noun" if cue.tag_.startswith("NN") else "main-verb"
            elif how == "sentence-cue" and kind == "partial" and _side_clause(cue):
                # 'While Sullivan proclaims the article terrific, Clinton fixates on the "pivot" line': a speech
                # verb in a side clause speaks for its own clause, not for a quote the main verb holds
                v, s = _doubtful_speaker(q, top, first[0], all_segs)
                if v is not None and s is not None and v.dep_ == "ROOT" and s.tag_ in ("NNP", "NNPS", "PRP") and s.lower_ != "it":
                    (ctx_b, ctx_s), cue, spk, how = first, v, s, "main-verb"
            if spk is not None and not _may_speak(spk):
                spk = None  # a thing credited by a cue's parse ('the "qualified" spat bubbled up') is no speaker
        # a transcript's stage direction between two paragraphs of a quote ('"(CROSSTALK.)') is no one's words
        quote = Quote(kind=kind, segments=[g for g in q.segments if not _STAGE.fullmatch(g.text)] or list(q.segments))
        quote.ctx = Context(ctx_b, ctx_s, cue, spk)
        if cue is not None:
            a, z = ctx_b.char(cue)
            if cue.lower_ == "according":
                z = ctx_b.char(cue.doc[cue.i + 1])[1]
            quote.cue = Span(a, z, text[a:z])
        elif how in {"colon"}:
            j = text.rfind(":", 0, q.opens[0])
            quote.cue = Span(j, j + 1, ":")
        if spk is not None:
            quote.speaker = mention_of(ctx_b, spk)
            if tail is not None and spk is tail[1][-1]:  # the tail's whole phrase, which the parse may not join
                a = min(ctx_b.char(tail[1][0])[0], quote.speaker.start)
                quote.speaker = Span(a, quote.speaker.end, text[a:quote.speaker.end])
            elif byline is not None:
                quote.speaker = byline[1]
            quote.evidence, quote.confidence = how, CONFIDENCE[how]
        elif kind == "direct" and (found := _subject_before(first[0], q.opens[0], all_segs)) is not None:
            # 'Sen. Bernie Sanders identified young voters as the reason. "The younger people are ..."': the
            # person the paragraph is about, named as the subject of the sentence before the quote
            spk, ctx_s = found
            quote.speaker, quote.ctx = mention_of(first[0], spk), Context(first[0], ctx_s, None, spk)
            quote.evidence, quote.confidence = "sentence-before", CONFIDENCE["sentence-before"]
        elif prev is not None and prev.speaker is not None and _near(bl, prev, q) and kind == "direct":
            # a follow-on quote: a quoted paragraph after an attributed one keeps its speaker
            quote.speaker, quote.ctx.speaker = prev.speaker, prev.ctx.speaker
            quote.ctx.block, quote.ctx.sent = prev.ctx.block, prev.ctx.sent  # block and sentence of one Doc
            quote.evidence, quote.confidence = "follow-on", CONFIDENCE["follow-on"]
        elif kind == "direct" and (found := _paragraph_before(text, bl, q, all_segs)) is not None:
            # 'Ana Ruiz praised the mayor's plan.' then a paragraph that is only a quote: the person the
            # paragraph before is about, when it quotes no one
            spk, pb = found
            quote.speaker, quote.ctx = mention_of(pb, spk), Context(pb, spk.sent, None, spk)
            quote.evidence, quote.confidence = "paragraph-before", CONFIDENCE["paragraph-before"]
        elif kind == "direct" and (spk := _long_colon_intro(text, q, first[0], all_segs)) is not None:
            # a long clause before a colon whose main verb's subject introduces the quote (last resort)
            quote.speaker, quote.ctx = mention_of(first[0], spk), Context(first[0], spk.sent, None, spk)
            quote.evidence, quote.confidence = "colon", CONFIDENCE["colon"]
        else:
            quote.evidence, quote.confidence = "none", CONFIDENCE["none"]
            warnings.append(Warning("no-speaker", "quote with no speaker found", q.start, q.end))
        if q.unclosed:
            quote.confidence = min(quote.confidence, 0.5)
        if doubtful:
            quote.evidence += "+speech-model"  # kept by the fitted model, not by a rule
        quotes.append(quote)
        prev = quote
    return _merge_interrupted(text, quotes), warnings


# A line holding nothing but one single-quoted phrase, maybe between dashes: "– 'Who cares?' –."
_HEADING = re.compile(r"[^\S\n]*[-\u2013\u2014]?[^\S\n]*['\u2018][^\n]+['\u2019][.!?]?['\u2019]?[^\S\n]*(?:[-\u2013\u2014][^\S\n]*\.?)?[^\S\n]*")


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_end(text: str, pos: int) -> int:
    e = text.find("\n", pos)
    return len(text) if e < 0 else e


def _title_case(words: str) -> bool:
    """Two or more long words, all capitalised: "Saturday Night Live", "Gang of Eight"."""
    big = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", words) if len(w) > 3]
    return len(big) >= 2 and all(w[0].isupper() for w in big)


def _doubtful_is_speech(text: str, q: RawQuote, inside: list[Token], top: Token, how: str, kind: str) -> bool:
    """Whether a quote the rules doubt is speech after all: the model of quotes/speech.py decides."""
    f = speech.features(q, text[_line_start(text, q.start):_line_end(text, q.start)], inside, top, how, kind)
    if speech.RECORD is not None:
        speech.RECORD.append((f, [(s.start, s.end) for s in q.segments]))
    return speech.probability(f) >= speech.THRESHOLD


def _top(inside: list[Token], b: Block, q: RawQuote) -> Token:
    """The quote's token that the parse hangs on a word outside it."""
    return next((t for t in inside if t.head.i == t.i or not _inside(t.head, b, q.segments)), inside[0])


# Copulas: 'Only immigrants are "safe"' credits no one (the pipeline has no lemmatizer to ask).
_BE = {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "\u2019s", "\u2019re"}


def _doubtful_speaker(q: RawQuote, top: Token, b: Block, all_segs: list[Span]) -> tuple[Token | None, Token | None]:
    """(cue, speaker) of a kept stretch no speech verb governs: the possessor of a speech noun above it
    ("Trump's claim that there were "thousands of shootings""), else the subject of the sentence's main
    verb above it ('Trump likened the refugees to a "vicious snake"'). A verb in a subordinate clause or
    a copula speaks for nobody ('that the Soviet Union was an "evil empire"')."""
    for h in _governors([top], b, q.segments, 6):
        if _inside(h, b, all_segs):
            continue
        if h.lower_ in lexicons.speech_nouns() and h.tag_.startswith("NN"):
            poss = [c for c in h.children if c.dep_ == "poss"]
            if poss:
                return h, poss[0]
            # 'the suggestion by a senator that someone "ought to look"': a person the noun's by/of names made it
            by = [o for c in h.children if c.dep_ == "prep" and c.lower_ in ("by", "of") for o in c.children
                  if o.dep_ == "pobj" and _person(o)]
            if by:
                return h, by[0]
        if h.lower_ in _BE:
            # 'The senator's answer was that "..."': a copula whose subject is a speech noun with a possessor
            poss = [p for c in h.children if c.dep_ == "nsubj" and c.lower_ in lexicons.speech_nouns()
                    for p in c.children if p.dep_ == "poss"]
            if poss:
                return poss[0].head, poss[0]
        if h.tag_.startswith("VB") and h.dep_ in ("ROOT", "conj") and h.lower_ not in _BE:
            subj = [c for c in h.children if c.dep_ == "nsubj" and not _stray(c)]
            return (h, subj[0]) if subj else (None, None)
    return None, None


# Pronouns and determiners that point at a thing or a clause, never at a speaker.
_NOT_SPEAKER = {"this", "that", "these", "those", "which", "what", "there", "something", "nothing", "anything", "everything"}
# Quantities whose 'of' names who they count: 'a lot of people', 'some of the senators'.
_COUNT = {"lot", "lots", "number", "majority", "minority", "half", "most", "many", "some", "all", "few", "dozens", "hundreds",
          "thousands", "millions", "group", "handful", "others", "several", "both", "none"}
# Quantities that, standing alone as a subject, count people ('many followed Reagan's view').
_MANY = {"many", "some", "most", "few", "all", "others", "several", "both", "none"}


def _may_speak(t: Token) -> bool:
    """A speaker a doubtful stretch may be credited to: a person, a group, an outlet or a document, not a
    thing ('the numbers', 'Byrd's strategy', 'the spat')."""
    if t.lower_ in _COUNT:
        of = [o for c in t.children if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        if of and _may_speak(of[0]):
            return True
        if not of and t.lower_ in _MANY:
            return True
    if t.lower_ in _NOT_SPEAKER or t.tag_ in ("DT", "WDT", "CD"):
        return False
    # a pronoun or a capitalised word (the small tagger makes 'Trump' a noun) may be a name
    if t.tag_ in ("PRP", "PRP$", "NNP", "NNPS") or t.text[:1].isupper() or t.ent_type_ in ("PERSON", "ORG", "NORP"):
        return True
    w = t.lower_
    return bool({w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w} & _speaking_nouns())


@cache
def _speaking_nouns() -> frozenset[str]:
    """Nouns that may stand for a speaker: people, titles, anonymous sources, organisations, media, speech and documents."""
    return lexicons.person_words() | lexicons.title_words() | lexicons.anonymous_words() | lexicons.org_words() \
        | lexicons.media_words() | lexicons.speech_nouns() | lexicons.document_makers().get("document", frozenset())


def _side_clause(cue: Token) -> bool:
    """A speech verb in a subordinate, relative or coordinated clause: not the sentence's own report,
    nor 'according to' or an as-clause ('as X noted'), which credit the whole sentence."""
    return cue.dep_ not in ("ROOT", "parataxis") and cue.lower_ != "according" \
        and not any(c.lower_ == "as" and c.dep_ == "mark" for c in cue.children)


def _near(bl: list[Block], prev: Quote, q: RawQuote) -> bool:
    """The previous quote ends in this paragraph or the one before."""
    k1, k2 = index_at(bl, prev.end - 1), index_at(bl, q.start)
    if k1 is None or k2 is None:
        return False
    return 0 <= k2 - k1 <= 1


# Between the two parts of an interrupted quote: only the attribution clause, ending in a comma.
_GAP = re.compile(r"^[\s\"\u201d\u2019',]*[^\"\u201c\u201d.!?\n]{1,80},\s*[\"\u201c\u2018']?\s*$")


def _merge_interrupted(text: str, quotes: list[Quote]) -> list[Quote]:
    """\"X,\" he said, \"Y.\" is one quote with two segments: merge when only the cue clause lies between."""
    out: list[Quote] = []
    for q in quotes:
        p = out[-1] if out else None
        if (p is not None and p.kind == "direct" and p.cue is not None and p.end <= p.cue.start < q.start
                and _GAP.match(text[p.end:q.start]) and (q.cue is None or q.cue == p.cue)):
            p.segments.extend(q.segments)
            continue
        out.append(q)
    return out


def indirect(text: str, bl: list[Block], quotes: list[Quote], raws: Sequence[RawQuote] = ()) -> tuple[list[Quote], list[Warning]]:
    """Reported speech with no quotation marks: the that-clause of a speech verb, the clause an
    'according to' phrase attaches to, and for some verbs a to-infinitive, a direct object, a preposition's
    object or a passive subject (models/reporting_frames.txt). Nothing inside quotation marks, kept as a
    quote or not (a title's 'Tell your story' reports nothing)."""
    out: list[Quote] = []
    warnings: list[Warning] = []
    taken = [(s.start, s.end) for q in quotes for s in q.segments]
    marked = [(s.start, s.end) for r in raws for s in r.segments]
    frames = lexicons.reporting_frames()
    for second in (False, True):  # clauses first; infinitives and objects only where no clause was found
        for b in bl:
            if b.doc is None:
                continue
            for tok in b.doc:
                if not is_cue(tok) or any(s <= b.start + tok.idx < e for s, e in marked):
                    continue
                parts, how = _reported(tok, frames, second)
                if not parts:
                    continue
                a, z = b.start + parts[0][0], b.start + parts[-1][1]
                if any(s < z and a < e for s, e in taken) or _has_mark(text, a, z):
                    continue
                if how == "speech-verb-parenthetical":
                    # the cue's own subject, or its agent ('as reported by Western Journalism'); never the
                    # subject of the sentence it reports
                    own = [c for c in tok.children if c.dep_ in SUBJ]
                    why = "parenthetical"
                    spk = _named(tok, own[0])[0] if own else _agent(tok)
                else:
                    spk, why = speaker_of(tok)
                    if spk is None and why != "passive":
                        spk = _before_cue(tok, b, [])
                lost = spk is None and why != "passive"  # someone spoke, but the parse does not say who
                if lost and not (how == "speech-verb-complement" and tok.tag_ != "VB" and tok.i > tok.sent.start):
                    continue  # only a that-clause of a finite cue is sure to be speech without its speaker
                c0, c1 = b.char(tok)
                if tok.lower_ == "according":
                    c1 = b.char(tok.doc[tok.i + 1])[1]
                segs = [(b.start + x, b.start + y) for x, y in parts]
                q = Quote(kind="indirect", segments=[Span(x, y, text[x:y]) for x, y in segs], cue=Span(c0, c1, text[c0:c1]))
                q.speaker = mention_of(b, spk) if spk is not None else None
                q.evidence, q.confidence = how + ("+no-speaker" if lost else ""), 0.75
                q.ctx = Context(b, tok.sent, tok, spk)
                out.append(q)
                taken.append((a, z))
                if lost:
                    warnings.append(Warning("no-speaker", "reported speech with no speaker found", a, z))
    return out, warnings


_WH = {"which", "who", "whom", "whose", "where", "when"}
_REASON = {"if", "unless", "because"}  # not "though": mostly the writer's own aside
_ASIDE = {"while", "whereas"}  # a contrast set beside the report ("though" clauses were mostly part of it on train)
_OBJECT_PREP = {("of", "accuse"), ("as", "describe"), ("as", "call")}


def _reported(tok: Token, frames: dict[str, frozenset[str]], second: bool) -> tuple[list[tuple[int, int]] | None, str]:
    """The doc-relative character ranges a cue reports (two when the cue stands inside them), and the
    rule that found them."""
    if not second:
        if tok.lower_ == "according":
            return _according(tok), "according-to"
        # with a clause on each side ("X - a former aide said Y - ..."), the one after the verb is what was said
        comp = sorted((c for c in tok.children if c.dep_ == "ccomp"), key=lambda c: c.i < tok.i)
        span = _clause(comp[0], upto=_cut(tok, comp[0])) if comp else None
        if span is not None and comp[0].i > tok.i:
            # 'said he would serve if asked' / '..., because he prizes electability': a condition or reason
            # the parser hung on the speech verb belongs to what was said
            cond = [c for c in tok.children if c.dep_ == "advcl" and c.i > comp[0].i
                    and any(m.dep_ == "mark" and m.lower_ in _REASON for m in c.children)]
            # 'said that A, but that B': a second that-clause the parser coordinated with the verb is said too
            more = [c for c in tok.children if c.dep_ == "conj" and c.i > comp[0].i and not any(is_cue(x) for x in c.subtree)
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
            for c in cond[-1:] + more[-1:]:
                end = _edges(list(c.subtree), 1)
                span = (span[0], max(span[1], end[1])) if end else span
        if span is None and not comp:
            span, how = _misattached(tok)
            if span is not None:
                return [span], how
            parts = _around(tok, frames)
            if parts:
                return parts, "speech-verb-parenthetical"
            # 'asked workers if they planned to attend': a question reported as an if/whether clause
            if lexicons.speech_verbs().get(tok.lower_) == "ask":
                # the parser often hangs the if-clause on the verb above 'asked', right after its words
                # ('when I asked Sanders if he would endorse her, he looked ...')
                near = [c for c in tok.head.children if c.left_edge.i == tok.right_edge.i + 1] if tok.head.i != tok.i else []
                q = [c for c in list(tok.children) + near if c.dep_ == "advcl" and c.i > tok.i
                     and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)]
                span = _clause(q[0]) if q else None
        return ([span] if span and span[1] - span[0] >= 12 else None), "speech-verb-complement"
    lemma = lexicons.speech_verbs().get(tok.lower_)
    span, how = None, "none"
    if lemma in frames.get("infinitive", ()):
        comp = [c for c in tok.children if c.dep_ == "xcomp" and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)]
        if comp:
            upto = _cut(tok, comp[0])
            toks = [t for t in comp[0].subtree if upto is None or t.i < upto]
            # 'urged the Supreme Court to intervene': who is urged to act belongs to what was urged
            told = [c for c in tok.children if tok.i < c.i < comp[0].i and c.dep_ == "dobj"
                    and c.lower_ not in _CALENDAR]
            if told:
                toks = list(told[0].subtree) + toks
            span, how = _edges(toks, 2), "speech-verb-infinitive"  # "declined to comment"
    if span is None and lemma in frames.get("object", ()):
        obj = [c for c in tok.children if c.dep_ == "dobj"]
        # what the object is called or accused of belongs to the content ("called him a liar", "described it as a mistake")
        oprd = [c for c in tok.children if c.dep_ in ("oprd", "ccomp") or (c.dep_ == "prep" and (c.lower_, lemma) in _OBJECT_PREP)]
        # 'criticized Rubio for opposing ...', 'announced steps to tighten ...': the reason or purpose the
        # parser hung on the verb belongs to the object
        oprd += [c for c in tok.children if obj and c.i > obj[0].i and (c.dep_ == "prep" and c.lower_ == "for" or c.dep_ in ("xcomp", "advcl")
                 and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children))]
        # 'praised her rival as a tireless worker', 'cited the levy as a reason ...': an as-phrase right after
        # the object says what the object was called, for every object verb (the parser hangs it on the verb)
        oprd += [c for c in tok.children if obj and obj[0].lower_ != "that" and c.left_edge.i == obj[0].right_edge.i + 1 and c not in oprd
                 and (c.dep_ == "prep" and c.lower_ == "as" or c.dep_ == "advcl" and c.left_edge.lower_ == "as"
                      and c.left_edge.dep_ != "mark" and not any(g.dep_ in SUBJ for g in c.children))]
        # 'call' reports only as "called X Y" ("called a meeting" is no speech); the parser often hangs Y on X
        # ('called her son her hero' as an apposition, 'called the squabble unusual' as a trailing adjective)
        if obj and lemma == "call" and not oprd:
            oprd = [t for t in obj[0].subtree if t.i > obj[0].i and t.i == obj[0].right_edge.i and t.doc[t.left_edge.i - 1].text != ","
                    and (t.dep_ == "appos" or (t.dep_ == "amod" and t.head.i < t.i))]
        if obj and (obj[0].tag_ != "PRP" or oprd) and (oprd or lemma != "call"):
            span, how = _edges(sorted({t for p in obj + oprd for t in p.subtree}, key=lambda t: t.i), 2), "speech-verb-object"
    if span is None:
        # 'asked a question about ...', 'told the story of ...': verbs whose other objects are who is spoken to
        obj = [c for c in tok.children if c.dep_ == "dobj" and f"{lemma}:{c.lower_}" in frames.get("object-noun", ())]
        if obj:
            span, how = _edges(list(obj[0].subtree), 2), "speech-verb-object"
    if span is None:
        # the preposition may hang from the verb or from its object ("asked the senator about the merger")
        heads = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
        for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and f"{lemma}:{c.lower_}" in frames.get("preposition", ())):
            obj = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
            if obj:
                span, how = _edges(list(obj[0].subtree), 2), "speech-verb-preposition"
                break
    if span is None and f"{lemma}:for" in frames.get("preposition", ()):
        # 'called for the senator to resign': English's for-to infinitive, which the parser hangs on the verb
        # as a clause opened by 'for' rather than as the preposition the frame reads
        clause = [c for c in tok.children if c.dep_ == "advcl" and c.left_edge.i == tok.i + 1 and c.left_edge.lower_ == "for"]
        if clause:
            span, how = _edges([t for t in clause[0].subtree if t.i > tok.i + 1], 2), "speech-verb-preposition"
    if span is not None and how in ("speech-verb-object", "speech-verb-preposition"):
        span = _no_comment(tok.doc, span)
    if span is None and lemma in frames.get("object", ()):
        # 'Asked if the emails were illegal, 46 percent said yes': the answer the parser hangs as an interjection
        yes = [c for c in tok.children if c.dep_ == "intj" and c.i == tok.i + 1]
        if yes:
            span, how = _edges(yes, 1), "speech-verb-answer"
    if span is None and lemma in frames.get("passive", ()):
        # 'News of the move was first reported by the Miami Herald': what was reported is the passive subject
        subj = [c for c in tok.children if c.dep_ == "nsubjpass" and c.tag_ not in ("PRP", "WDT", "WP", "EX", "DT")]
        if subj:
            span, how = _edges(list(subj[0].subtree), 2), "speech-verb-passive"
    return ([span] if span else None), how


def _no_comment(doc: Doc, span: tuple[int, int]) -> tuple[int, int] | None:
    """An object or preposition report without the ', which ...' / ', who ...' clause that ends it: the
    writer's comment on what was reported ('criticized the deal, which passed in 2015')."""
    toks = list(doc.char_span(*span, alignment_mode="contract") or [])
    for t in toks:
        le = t.left_edge.i
        if t.dep_ == "relcl" and doc[le].lower_ in _WH and doc[le - 1].text == "," and t.right_edge.i >= toks[-1].i - 1 \
                and le - 2 >= toks[0].i:
            return _edges([x for x in toks if x.i < le - 1], 1)
    return span


def _cut(cue: Token, head: Token) -> int | None:
    """Where a reported clause ends when the parser hung the speaker's next words inside it: the first
    token to leave out, or None."""
    cuts = []
    for t in head.subtree:
        if t.i <= head.i:
            continue
        after_comma = t.doc[t.left_edge.i - 1].text == ","
        own_subject = any(g.dep_ in SUBJ for g in t.children)
        if t.tag_ == "VBG" and t.dep_ in ("advcl", "conj") and is_cue(t) and t.doc[t.i - 1].text == "," and not own_subject:
            cuts.append(t.i - 1)  # '..., noting that X': the speaker's own participle cue reports the next clause
        elif after_comma and t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _ASIDE and m.i == t.left_edge.i for m in t.children):
            cuts.append(t.left_edge.i - 1)  # '..., while others said Y': a contrast set beside the report
        elif after_comma and t.dep_ == "relcl" and any(x.text in DOUBLE_MARKS for x in t.subtree):
            cuts.append(t.left_edge.i - 1)  # '..., whom he described as "calm," ...': a comment quoting someone
        elif t.head.i == head.i and t.dep_ == "conj" and not own_subject and (
                t.tag_ == cue.tag_ != head.tag_ and (is_cue(t) or any(x.text in DOUBLE_MARKS for x in t.subtree))
                or t.tag_ in ("VBD", "VBZ") and any(g.lower_ == "to" and g.dep_ == "aux" for g in head.children)
                or t.lower_ != cue.lower_ and _reports(t)):
            # 'said the plan would fail, and called him "a liar"': 'called' in the tense of 'said', not of the clause;
            # 'vowed to keep abortion legal and celebrated the ruling': a past or present verb cannot share 'to';
            # 'said she regretted it and promised to ...': another speech verb with its own clause is a new report
            k = t.left_edge.i
            while k - 1 > head.i and t.doc[k - 1].head.i == head.i and (t.doc[k - 1].dep_ == "cc" or t.doc[k - 1].is_punct):
                k -= 1
            cuts.append(k)
    return min(cuts, default=None)


def _reports(t: Token) -> bool:
    """A speech verb with a that-clause or a to-infinitive of its own ('promised to', 'warned that');
    not ask, tell or call: cutting at those added 5 reported clauses on PolNeAR train, none right."""
    return is_cue(t) and t.tag_.startswith("VB") and lexicons.speech_verbs().get(t.lower_) not in ("ask", "tell", "call") \
        and any(c.dep_ == "ccomp" or c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in t.children)


def _sides(scope: list[Token], lo: int, hi: int, last: bool = False) -> list[tuple[int, int]] | None:
    """The words of `scope` on both sides of tokens lo..hi (an attribution set inside what it reports),
    without the punctuation next to the cut: one or two character ranges, the second one required
    unless the attribution comes `last`."""
    toks = [t for t in scope if not lo <= t.i <= hi and not (t.is_punct and t.i in (lo - 1, hi + 1))]
    before = [t for t in toks if t.i < lo]
    if all(t.tag_ in ("CC", "RB", "UH", "IN") or t.is_punct for t in before):
        before = []  # 'And, as the Post reported, ...': a connective, not reported words
    parts = [_edges(before, 4 if last else 1), _edges([t for t in toks if t.i > hi], 3)]
    return [p for p in parts if p is not None] if parts[1] or (last and parts[0]) else None


def _around(tok: Token, frames: dict[str, frozenset[str]]) -> list[tuple[int, int]] | None:
    """A cue set off by commas inside the sentence it reports ('X, sources said, Y', parsed as parataxis),
    or an as-clause before or after it ('As The Hill reported, X'; 'As reported by Western Journalism, X';
    'X, as David Dayen noted')."""
    as_clause = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
    if not (tok.dep_ == "parataxis" or as_clause) or any(c.dep_ == "ccomp" for c in tok.children) \
            or not any(c.dep_ in SUBJ or (as_clause and c.dep_ == "agent") for c in tok.children):
        return None
    inner = list(tok.subtree)
    if as_clause and tok.i > tok.head.i:
        # 'X, as David Dayen noted.': the clause the as-clause closes, without its 'that'. Only verbs of
        # evidential report (models/reporting_frames.txt); a verb with an object is a clause of time
        # ('as Trump called for a ban') and 'as he suggested' mostly a comparison
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "oprd", "attr", "acomp", "dative") for c in tok.children) \
                or lexicons.speech_verbs().get(tok.lower_) not in frames.get("as-after", ()):
            return None
        span = _clause(tok.head, upto=inner[0].i, min_len=4)
        return [span] if span else None
    # 'She had struggled, Cruz explained, recalling ...': a cue whose own words end the sentence closes it
    return _sides(list(tok.head.subtree), inner[0].i, inner[-1].i, last=inner[-1].i >= tok.sent.end - 2)


def _misattached(tok: Token) -> tuple[tuple[int, int] | None, str]:
    """Reported clauses the parser hung elsewhere: 'said in a statement that X' and 'told a meeting of
    mayors that X' (X read as a clause of 'statement' or 'meeting'), 'said families of victims file
    lawsuits' (the clause's subject read as an object) and 'said after the vote he would not run
    again' (the clause read as an adverbial)."""
    nouns = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i > tok.i]
    nouns += [o for p in tok.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    for noun in nouns:
        for cl in noun.children:
            # 'that' as a conjunction (not the relative pronoun, which would be the clause's subject or object);
            # a clause that ends on its verb lacks its object: 'the risk that the merger would pose'
            if cl.dep_ in ("acl", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in cl.children) \
                    and cl.right_edge.i > cl.i:
                span = _clause(cl)
                if span is not None:
                    return span, "speech-verb-complement-attached"
    # 'said seeing so many officers was a welcome sight': a gerund subject read as the verb's complement
    for g in (c for c in tok.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > tok.i):
        if any(c.dep_ == "ccomp" and c.i > g.i and any(x.dep_ in SUBJ for x in c.children) for c in g.children):
            return _edges(list(g.subtree), 4), "speech-verb-complement-gerund"
    if lexicons.speech_verbs().get(tok.lower_) == "say":
        obj = [c for c in tok.children if c.dep_ == "dobj" and c.tag_ in ("NN", "NNS", "NNP", "NNPS")]
        if obj:
            rest = [t for t in tok.sent if t.i >= obj[0].left_edge.i]
            if len(rest) >= 5 and any(t.tag_.startswith("VB") and t.i > obj[0].i for t in rest):
                return _edges(rest, 5), "speech-verb-object-clause"
    # a clause with a subject of its own and no conjunction, right after the verb's own adjuncts, is no
    # adverbial: the parser hangs the complement so when a phrase comes between ('said after X he would ...')
    for cl in (c for c in tok.children if c.dep_ == "advcl" and c.i > tok.i and c.tag_ in ("VB", "VBD", "VBZ", "VBP")):
        subj = [x for x in cl.children if x.dep_ in SUBJ and x.i < cl.i and x.tag_ not in ("WDT", "WP")]
        if subj and not any(m.dep_ in ("mark", "advmod") and m.i < cl.i for m in cl.children) \
                and not any(t.text == "," for t in tok.doc[tok.i:subj[0].left_edge.i]):
            span = _edges([t for t in cl.subtree if t.i >= subj[0].left_edge.i], 3)
            if span is not None:
                return span, "speech-verb-complement-attached"
    return None, "none"


def _edges(toks: list[Token], min_len: int) -> tuple[int, int] | None:
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    # an opening mark (NYT's '' included) is not part of the reported words; a closing one before them keeps
    # the span out ('... "knife-wielding Palestinians," many in the audience ...' is no reported clause)
    while toks and (toks[0].text in ("''", "``", "\u201c", "\u2018") or toks[0].text in ("'", "\"") and toks[0].tag_ == "``"):
        toks = toks[1:]
    if len(toks) < min_len:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _has_mark(text: str, a: int, z: int) -> bool:
    return any(c in text[a:z] for c in DOUBLE_MARKS)


def _clause(head: Token, upto: int | None = None, min_len: int = 3) -> tuple[int, int] | None:
    """Character range of a complement clause (its words before token `upto`, if given) without its
    'that' and edge punctuation."""
    toks = [t for t in head.subtree if upto is None or t.i < upto]
    # an "according to X" phrase inside the clause names a source, it is not what was said
    acc = next((t for t in toks if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to"), None)
    if acc is not None and acc.i > toks[0].i:
        toks = [t for t in toks if t.i < acc.i]
    while toks and (toks[0].dep_ == "mark" and toks[0].lower_ in {"that", "whether", "if"} or toks[0].is_punct):
        toks = toks[1:]
    return _edges(toks, min_len)


def _according(tok: Token) -> list[tuple[int, int]] | None:
    """The sentence minus its 'according to X' phrase: the words on both sides when the phrase is set off
    by commas inside it ('At the heart of it, according to Ross, was ...'), else what it opens or closes."""
    sent = tok.sent
    phrase = list(tok.subtree)
    p0, p1 = phrase[0].i, phrase[-1].i
    if p0 > sent.start and tok.doc[p0 - 1].text == ",":
        parts = _sides(list(sent), p0, p1)
        if parts:
            return parts
    toks = [t for t in sent if t.i < p0] if p0 > sent.start + 2 else [t for t in sent if t.i > p1]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    span = _edges(toks, 4)
    return [span] if span else None
