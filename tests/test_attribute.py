"""Behaviour tables for attribution, names, titles and sources (short sentences written for these tests)."""
import pytest

import quotes
from quotes import resolve
from quotes.resolve import Resolver
from quotes.types import Span


def who(text: str, field: str = "kind") -> list[tuple[str, str | None, str]]:
    """(quote text, resolved speaker name, kind or another field) for the direct and partial quotes of `text`."""
    d = quotes.extract(text).to_dict()
    names = {s["id"]: s["name"] for s in d["speakers"]}
    return [(q["text"], names.get((q["speaker"] or {}).get("id")), q[field]) for q in d["quotes"] if q["kind"] != "indirect"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # X said after the quote
        ("\u201cThe bridge will open in May,\u201d Maria Lopez said.", [("The bridge will open in May,", "Maria Lopez", "direct")]),
        # said X (inverted)
        ("\u201cWe need more buses,\u201d said Tom Baker.", [("We need more buses,", "Tom Baker", "direct")]),
        # a short quote on a line of capitalised names is no headline
        ("\u201cHello,\u201d said Anna Smith.", [("Hello,", "Anna Smith", "direct")]),
        # X, title, said
        ("\u201cPrices are falling,\u201d Anne Weber, the bank's chief economist, said on Monday.",
         [("Prices are falling,", "Anne Weber", "direct")]),
        # quote after the cue with a colon
        ("Governor Ray Holt said: \u201cThe roads are closed until further notice.\u201d",
         [("The roads are closed until further notice.", "Ray Holt", "direct")]),
        # a partial quote takes the subject of the reporting clause around it
        ("The Interior Ministry said it had \u201csuspended\u201d the program.", [("suspended", "Interior Ministry", "partial")]),
        # a later surname resolves to the fullest name
        ("Senator Paula Grant spoke first. \u201cThis bill is a mistake,\u201d Grant said.",
         [("This bill is a mistake,", "Paula Grant", "direct")]),
        # an abbreviated title and a place before the title word: "the Florida senator" is Sen. Marco Rubio
        ("\u201cWe are at war,\u201d said Sen. Marco Rubio, R-Fla.\n\n\u201cNothing will change,\u201d the Florida senator said.",
         [("We are at war,", "Marco Rubio", "direct"), ("Nothing will change,", "Marco Rubio", "direct")]),
        # no cue at all: the person named as the subject of the sentence before the quote
        ("\u201cWe will vote,\u201d said Mike Pence.\n\nOn Sunday, Senator Bernie Sanders identified fatigue as the reason. "
         "\u201cThe younger people are sick and tired of discrimination.\u201d",
         [("We will vote,", "Mike Pence", "direct"), ("The younger people are sick and tired of discrimination.", "Bernie Sanders", "direct")]),
        # a pull quote signed with a dash
        ("Readers wrote in.\n\n\u201cGreat speech, terrible ideas.\u201d \u2015 Pamela Padilla\n",
         [("Great speech, terrible ideas.", "Pamela Padilla", "direct")]),
        # signatures line by line in one paragraph, a no-break space after the dash, a full stop after the name
        ("Readers wrote in.\n\n\u201cGreat speech.\u201d\u2015\u00a0Pamela Padilla\n\u201cGreat speech, terrible ideas.\u201d \u2015 Ana Ruiz.\n",
         [("Great speech.", "Pamela Padilla", "direct"), ("Great speech, terrible ideas.", "Ana Ruiz", "direct")]),
        # a quote signed on the line after it
        ("\u201cI will look into it. I don't know the status.\u201d\n\n- Hillary Clinton.",
         [("I will look into it. I don't know the status.", "Hillary Clinton", "direct")]),
        ("\u201cShe never quits. That is why she should be our next president.\u201d\n\n-President Obama, tweeting after the speech.",
         [("She never quits. That is why she should be our next president.", "Obama", "direct")]),
        # ... but not by a bullet or a sentence that follows it
        ("\u201cWe will cut taxes for everyone.\u201d\n\n- Reduce job-killing regulations on large businesses.",
         [("We will cut taxes for everyone.", None, "direct")]),
        ("\u201cWe will cut taxes for everyone.\u201d\n\nSenator Ana Ruiz spoke next.", [("We will cut taxes for everyone.", None, "direct")]),
        # 'went on' is speaking on
        ("Melanie cheered, and as Trump went on about \u201chow the system is rigged,\u201d she clapped.",
         [("how the system is rigged,", "Trump", "partial")]),
        ("\u201cIt is a bit concerning to me,\u201d she went on.", [("It is a bit concerning to me,", "she", "direct")]),
        # 'as X put it' attributes what follows
        ("His degree has not kept him from being seen, as The New Yorker put it, \u201cthe operator.\u201d",
         [("the operator.", "New Yorker", "partial")]),
        ("As Dana Milbank puts it, \u201cSenate Republicans are unmoved.\u201d", [("Senate Republicans are unmoved.", "Dana Milbank", "direct")]),
        ("The company said the chairman \u201cput it on hold.\u201d", [("put it on hold.", "The company", "partial")]),
        # 'it' is the organisation named before it
        ("United Nations Security Council members met on Friday and pledged sanctions against what it called \u201ca clear threat to peace.\u201d",
         [("a clear threat to peace.", "United Nations Security Council", "partial")]),
        # the writer's own 'I' (an op-ed, a letter) is not the person last named
        ("Mayor John Smith spoke first.\n\nI told him the plan was \u201ca disaster.\u201d", [("a disaster.", "I", "partial")]),
        # a pronoun resolves to the person just named
        ("Mayor Carl Dunn visited the site on Friday. \u201cWe will rebuild,\u201d he said.",
         [("We will rebuild,", "Carl Dunn", "direct")]),
        # according to a person names the speaker
        ("The talks failed over money, according to Helen Ortiz, who called them \u201ca waste of time.\u201d",
         [("a waste of time.", "Helen Ortiz", "partial")]),
        # a name right after an inverted cue, tagged as an adverb by the tagger
        ("\u201cHaving the data is valuable,\u201d said Skelly, explaining his work.", [("Having the data is valuable,", "Skelly", "direct")]),
        # an apposition between the name and the cue ("Lazar, 44, said")
        ("Marcel Lazar, 44, said: \u201cI regret nothing.\u201d", [("I regret nothing.", "Marcel Lazar", "direct")]),
        # a message sent 'to supporters saying: ...' is the sender's, reached through the recipient's 'to'
        ("Before the vote, the campaign sent a message to supporters saying: \u201cWe won the state!\u201d",
         [("We won the state!", "the campaign", "direct")]),
        # a name and its speech verb the tagger misread as a modifier and its noun ('Trump barked' as an apposition)
        ("\u201cGo back to the studio,\u201d Trump barked and a guard escorted the reporter out.",
         [("Go back to the studio,", "Trump", "direct")]),
        ("In March, Trump blasted Disney for its \u201coutrageous practices\u201d in requiring workers to train others.",
         [("outrageous practices", "Trump", "partial")]),
        # a name that modifies the speaker's head noun is someone else: the supporters, the doctor, not the person
        ("Senator Hillary Clinton spoke on Monday. \u201cWe will win,\u201d Clinton supporters said.",
         [("We will win,", "Clinton supporters", "direct")]),
        ("Gary Johnson released a letter. \u201cHe is extremely fit,\u201d Johnson's doctor said.",
         [("He is extremely fit,", "Johnson's doctor", "direct")]),
        # ... and a campaign is an organisation, not the one person whose title has "campaign" in it
        ("\u201cWe will win,\u201d said Corey Lewandowski, the campaign manager.\n\n\u201cWe decline,\u201d the Carson campaign said.",
         [("We will win,", "Corey Lewandowski", "direct"), ("We decline,", "the Carson campaign", "direct")]),
        # ... but a name after a title head is the speaker
        ("\u201cThe killings must stop,\u201d said U.N. High Commissioner for Human Rights Zeid Ra'ad Al Hussein.",
         [("The killings must stop,", "Zeid Ra'ad Al Hussein", "direct")]),
        # nested reports: a speech verb that is no finite report of its own belongs to the outer speaker's claim
        ("Clinton said she expects Obama to announce an \u201cintensification\u201d of the campaign.",
         [("intensification", "Clinton", "partial")]),
        ("Mook told reporters the campaign expects Holt to insert himself by calling out Trump for his \u201clies.\u201d",
         [("lies.", "Mook", "partial")]),
        # ... and so does a finite one in a person's report: the reporter told the writer the words in marks
        ("Trump said that Clinton once described the deal as \u201cthe gold standard.\u201d", [("the gold standard.", "Trump", "partial")]),
        # ... but a relative clause (the writer's aside) keeps its own speaker, a title word included
        ("Rep. Adam Schiff called on Obama to retaliate for meddling the California congressman said is designed to "
         "\u201csow discord\u201d in American politics.", [("sow discord", "the California congressman", "partial")]),
        ("Swanson praised Franklin Graham, who has publicly vowed to skip the \u201ccookie sale.\u201d",
         [("cookie sale.", "Franklin Graham", "partial")]),
        # a verb coordinated with a subject of its own reports for that subject, wherever the parser hung it
        ("She said the school would stay open, and when pressed on the cost, the retired teacher replied, "
         "\u201cWe will find the money.\u201d", [("We will find the money.", "the retired teacher", "direct")]),
        ("He said the clinic would close, and the young father replied, \u201cNobody asked us.\u201d",
         [("Nobody asked us.", "the young father", "direct")]),
        # 'footage of X asking': the name before the participle is its subject
        ("The ad uses footage of Maria Lopez asking, \u201cWhy aren\u2019t we ahead?\u201d",
         [("Why aren\u2019t we ahead?", "Maria Lopez", "direct")]),
        # the quote parsed as the sentence's root: the cue's speaker is the first subject short of the quote
        ("Omar Haddad made a reply on his favorite medium, posting at him, \u201cyou are a fraud, you are a coward.\u201d",
         [("you are a fraud, you are a coward.", "Omar Haddad", "partial")]),
        # a paragraph that is only a quote, after one about a named person that quotes no one; not a heading
        ("The rally ended late.\n\nAna Ruiz praised the mayor\u2019s plan for the new park.\n\n"
         "\u201cWe need someone who will bring people together.\u201d",
         [("We need someone who will bring people together.", "Ana Ruiz", "direct")]),
        ("The rally ended late.\n\nAna Ruiz praised the mayor\u2019s plan for the new park.\n\n\u201cWE NEED UNITY NOW\u201d",
         [("WE NEED UNITY NOW", None, "direct")]),
        # ... not when the quote's paragraph has words of its own after it: its attribution stands there, if unread
        ("Ana Ruiz spoke at the rally on Monday.\n\n\u201cWe have to win this,\u201d a voice-over in the ad states.",
         [("We have to win this,", None, "direct")]),
        # ... the paragraph before is parsed though it holds no cue word
        ("Tom Baker walked to the podium and looked at the crowd.\n\n\u201cWe will build it.\u201d",
         [("We will build it.", "Tom Baker", "direct")]),
        # ... the first named subject when the parser roots the sentence in a later clause
        ("Ana Ruiz is upbeat about the chances of winning in November, in part because she sees the mayor as a uniter."
         "\n\n\u201cNot only can he win, he is the one with the best chance.\u201d",
         [("Not only can he win, he is the one with the best chance.", "Ana Ruiz", "direct")]),
        # a wire dateline, with a date or not, is no part of the paragraph: its city is never the first sentence's subject
        ("PHILADELPHIA, July 25 (UPI) \u2014 The party released a statement on Monday, offering \u201ca deep and "
         "sincere apology\u201d to the senator.", [("a deep and sincere apology", "The party", "partial")]),
        ("WASHINGTON -- President Obama, dedicating the new museum on Saturday, said it was \u201can American story.\u201d",
         [("an American story.", "Obama", "partial")]),
        # a quotation mark glued to the next word is a token of its own, so the name after it is read
        ("\u201cThe plan will fail,\u201dAna Ruiz said on Monday.", [("The plan will fail,", "Ana Ruiz", "direct")]),
        ("\"We will win.\"He said it twice.", [("We will win.", "He", "direct")]),
        # a colon after a bracket ('(D-Ohio):'), glued to the quote or not; the bracket names no one
        ("Sen. Ann Hall (D-Ohio): \u201cThe plan failed because nobody read it.\u201d",
         [("The plan failed because nobody read it.", "Ann Hall", "direct")]),
        ("Rep. Tom Hale (R-Ind.):\"Nobody asked us about the plan.\"", [("Nobody asked us about the plan.", "Tom Hale", "direct")]),
        # a short tail after the quote, a noun phrase and a verb the parse may not join: who spoke
        ("\u201cWe cannot afford this,\u201d the editorial read.", [("We cannot afford this,", "the editorial", "direct")]),
        ("\u201cWhy not now?\u201d Baker pressed.", [("Why not now?", "Baker", "direct")]),
        # a long quote's cue is the one nearest its words, not nearest its start
        ("Voters asked who is to blame for the mess. \u201cWe need much tougher, much smarter leadership in this city, "
         "and we need it right now, before it is far too late!\u201d Ana Ruiz said on the radio.",
         [("We need much tougher, much smarter leadership in this city, and we need it right now, before it is far too late!",
           "Ana Ruiz", "direct")]),
        # title case after 'told' that is speech: it ends a sentence
        ("Tom Baker told the crowd, \u201cNever Give Up.\u201d", [("Never Give Up.", "Tom Baker", "direct")]),
        # an as-clause right after the quote says whose words they are
        ("Many members echo her concerns because the test is a \u201clawful source of income,\u201d as a Treasury memo put it.",
         [("lawful source of income,", "a Treasury memo", "partial")]),
        # the second quote of a paragraph takes the cue between the two, not a later verb
        ("\u201cWe won,\u201d Ana Ruiz said at her party, after the networks declared the result. \u201cYou will be happy.\u201d",
         [("We won,", "Ana Ruiz", "direct"), ("You will be happy.", "Ana Ruiz", "direct")]),
        # lowercase words after a work's noun are what was said of it, not its title
        ("Governor Ray Holt called the program \u201cworse than useless\u201d on Monday.",
         [("worse than useless", "Ray Holt", "partial")]),
        # a no-break space between the closing mark and an inverted attribution
        ("\u201cIf anyone wonders why the report is late, this is it,\u201d\u00a0added Gowdy.",
         [("If anyone wonders why the report is late, this is it,", "Gowdy", "direct")]),
        # a newsletter's signature between a dash and a colon names the speaker, whatever verb the line has
        ("Pollsters agree - Carl Bialik: \u201cOne lesson was simple.\u201d [538.]", [("One lesson was simple.", "Carl Bialik", "direct")]),
        ("Turnout was high - More from Ana Ruiz: \u201cThe lines were long.\u201d", [("The lines were long.", "Ana Ruiz", "direct")]),
        # ... not a dash inside the writer's own sentence
        ("Tom Baker paused - and then he added: \u201cWe will win.\u201d", [("We will win.", "Tom Baker", "direct")]),
        # a tail the splitter cuts off at '?\u201d' is still read as the attribution ('went on' is a cue)
        ("Kelly answered with a smile: \u201cIt can happen at 45.\u201d She is 45.\n\n"
         "\u201cYou know, it happens, right?\u201d Baker went on.",
         [("It can happen at 45.", "Kelly", "direct"), ("You know, it happens, right?", "Baker", "direct")]),
        # a quoted predicate coordinated with a reported speech verb is the outer speaker's ('Romney begged' is
        # what Trump said, and so is the quote)
        ("At the rally, Trump said that Romney begged him for an endorsement and \u201cwould have dropped to his "
         "knees\u201d if Trump had asked.", [("would have dropped to his knees", "Trump", "partial")]),
        # ... but a coordinated clause with a subject of its own is a report of its own
        ("Baker assured the crowd that he has no worries, as Ruiz has said, and he can \u201cguarantee\u201d the results.",
         [("guarantee", "Baker", "partial")]),
        # a participle with a subject of its own reports for that subject, not the speaker above it
        ("Both men issued a statement expressing optimism, Ryan saying he was \u201cvery encouraged\u201d and Trump "
         "calling it a \u201cgreat meeting.\u201d", [("very encouraged", "Ryan", "partial"), ("great meeting.", "Trump", "partial")]),
        # a speech verb in a side clause speaks for its own clause, not for a quote the main verb holds
        ("While Sullivan proclaims the article a terrific piece, Clinton fixates on the \u201cpivot\u201d line.",
         [("pivot", "Clinton", "partial")]),
        # ... unless the main verb's subject names no one, or the side clause is an as-clause crediting the sentence
        ("While Sullivan proclaims the article a terrific piece, the memo fixates on the \u201cpivot\u201d line.",
         [("pivot", "Sullivan", "partial")]),
        ("Baker backs the plan, as Ruiz noted, because it offers \u201creal relief\u201d to renters.",
         [("real relief", "Ruiz", "partial")]),
        # a document credited as the speaker stands for whoever the sentence says made or sent it
        ("In selling the courses, Baker released a marketing video that said, \u201cWe will hire only the best teachers.\u201d",
         [("We will hire only the best teachers.", "Baker", "direct")]),
        ("An email sent out by Ruiz warned that the party \u201cis running out of time.\u201d",
         [("is running out of time.", "Ruiz", "partial")]),
        ("Rubio's press release said the senator \u201cwill keep fighting for Florida.\u201d",
         [("will keep fighting for Florida.", "Rubio", "partial")]),
        # ... and stays the speaker when it does not say
        ("The ad says the plan \u201cwill cost jobs.\u201d", [("will cost jobs.", "The ad", "partial")]),
        # a fronted 'Of X,' the parser makes the subject: the name beside it speaks, never X
        ("Of Baker, Stone, who has given money to another campaign, said, \u201cHe is scary. I think he is a good man.\u201d",
         [("He is scary. I think he is a good man.", "Stone", "direct")]),
    ],
)
def test_speaker(text, expected):
    assert who(text) == expected


def test_interrupted_quote_is_one_quote_with_two_segments():
    d = quotes.extract("\u201cThe plan is ready,\u201d Lena Park said, \u201cand we start tomorrow.\u201d").to_dict()
    assert len(d["quotes"]) == 1
    q = d["quotes"][0]
    assert [s["end"] - s["start"] for s in q["segments"]] == [len("The plan is ready,"), len("and we start tomorrow.")]
    assert q["text"] == "The plan is ready, and we start tomorrow."


def test_follow_on_paragraph_keeps_the_speaker():
    text = "\u201cThe river rose overnight,\u201d said Mark Hill, the fire chief.\n\n\u201cEveryone on the east bank must leave now.\u201d\n"
    assert [w[1] for w in who(text)] == ["Mark Hill", "Mark Hill"]


@pytest.mark.parametrize(
    "text",
    [
        "The so-called \u201cpeace plan\u201d drew crowds to the square.",  # scare quotes, no speech
        "She read the book \u201cWar and Peace\u201d twice.",  # title of a work
        "Fans sang \u201cHey Jude\u201d at the stadium.",  # a song in a sentence with no speech verb
        "It's the ministers' decision, and Russia's too.",  # apostrophes
        "Ruiz said on \u201cMeet the Press\u201d that taxes would fall.",  # a show's title after a preposition
        "Ruiz Says \u201cMeet the Press\u201d Was Tough.",  # a title-case name of a work in a headline line
        "The board turned on her.\n\n'A change warrior.'\n\nShe ran anyway.",  # a single-quoted section heading
        "Crowds gathered.\n\n\u2013 \u2018Who cares?\u2019 \u2013.\n\nWith millions watching, she spoke.",  # between dashes
        # title case beside a word of media or merchandise: a show, an outlet or a slogan
        "Ana Ruiz told \u201cMorning Coffee Live,\u201d that taxes would fall.",
        "Ana Ruiz said hundreds of supporters wore \u201cBuild More Bridges\u201d hats.",
        "\u201cHouse of Lanterns\u201d star Ana Ruiz said the show would return.",
        # lowercase after a scare-quote marker stays a scare quote
        "Millions were spent by so-called \u201cindependent expenditure\u201d groups.",
    ],
)
def test_not_attributed_quotes(text):
    assert who(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # a short phrase no speech verb governs, judged speech by the fitted model: the main verb's subject
        ("Trump likened the refugees to a \u201cvicious snake\u201d at a rally in Ohio.",
         [("vicious snake", "Trump", "main-verb+speech-model")]),
        ("Fiorina routinely characterizes herself as a \u201cchange warrior\u201d on the trail.",
         [("change warrior", "Fiorina", "main-verb+speech-model")]),
        # the possessor of a speech noun above the phrase
        ("Trump's claim that there were \u201cthousands of shootings\u201d in Chicago was false.",
         [("thousands of shootings", "Trump", "speech-noun+speech-model")]),
        # a copula in a subordinate clause speaks for nobody; the main verb's subject does
        ("During the Cold War, many followed Reagan's view that the Soviet Union was an \u201cevil empire\u201d bent on domination.",
         [("evil empire", "many", "main-verb+speech-model")]),
        # the same for a longer phrase: the main verb's subject, not the subject of the clause around the quote
        ("In the depths of the recession, Paul Ryan worried that the safety net was becoming \u201ca hammock that "
         "lulls able-bodied people\u201d into dependency.",
         [("a hammock that lulls able-bodied people", "Paul Ryan", "main-verb+speech-model")]),
        ("Those services are available to \u201cany candidate who qualifies for them\u201d under the law.", []),
        # nobody to credit: a copula is the main verb
        ("Only European immigrants are \u201csafe\u201d in his eyes.", []),
        # a title-case phrase no speech verb governs names a show, not speech
        ("He watched \u201cSaturday Night Live\u201d with friends.", []),
        # single marks around a word: a scare quote
        ("The council's \u2018experts\u2019 were not there.", []),
    ],
)
def test_doubtful_phrases(text, expected):
    assert who(text, "evidence") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a thing as the main verb's subject is credited with nothing: the words stay, with no speaker
        ("Ruth Miller's strategy of \u201cmassive resistance\u201d to the court ruling failed within a year.",
         [("massive resistance", None, "none+speech-model")]),
        ("Higher taxes and lower rates - both forms of \u201ceasy money\u201d - boost growth for a time.",
         [("easy money", None, "none+speech-model")]),
        # a person, or a group of people, still is
        ("The mayor likened the new tax to a \u201cslow poison\u201d for small farms.",
         [("slow poison", "The mayor", "main-verb+speech-model")]),
        ("A group of local farmers compared the tax to a \u201cslow poison\u201d for small farms.",
         [("slow poison", "A group of local farmers", "main-verb+speech-model")]),
        # a lone pronoun in marks is the word itself
        ("Nobody would vote for her simply because \u201cshe\u201d is a \u201che\u201d in the story, Olson wrote.", []),
        # a nickname between a given name and a surname is part of a name
        ("Her cousin, Laura \u201cLolly\u201d Green, said the vote was fair.", []),
        ("\u201cCall me Lolly,\u201d Laura Green said.", [("Call me Lolly,", "Laura Green", "parse-governs")]),
        # a title set off by commas after a work's noun, followed by the sentence's verb, is no quote
        ("Letters.\n\nAnna Berg's commentary, \u201cDaniel, tell your family story,\u201d is very moving. "
         "Last week Daniel Ortiz said he would never do that.", []),
        # a short title-case stretch after a work's noun and a comma names the work, full stop or number and all
        ("Check out the trailer for Ana Ruiz's documentary, \u201c14th,\u201d below.", []),
        ("Ana Ruiz wrote a memoir, \u201cGifted Hands.\u201d Tom Hale said he read it twice.", []),
        # the same after a memoir, when a speaker and a speech verb follow, is speech
        ("In her memoir, \u201cKeep going, always,\u201d Ruth Lee wrote about her father.",
         [("Keep going, always,", "Ruth Lee", "parse-governs")]),
    ],
)
def test_not_speech_nor_things(text, expected):
    assert who(text, "evidence") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a stretch wholly in brackets is a transcript's stage direction, alone or between two paragraphs of a quote
        ("The crowd cheered. \u201c[Applause]\u201d", []),
        ("Transcript:\n\n\"WALLACE: Let me finish.\n\n\"(CROSSTALK.)\n\n\"PENCE: We will win.\"",
         [["WALLACE: Let me finish.", "PENCE: We will win."]]),
        # a bracket that only starts the quote is part of what was said
        ("\u201c(Cruz) has the values I admire,\u201d Howard said.", [["(Cruz) has the values I admire,"]]),
    ],
)
def test_stage_directions(text, expected):
    d = quotes.extract(text).to_dict()
    assert [[text[s["start"]:s["end"]] for s in q["segments"]] for q in d["quotes"]] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a definite description is the one person named before with such a title, whether or not they spoke
        ("Republican presidential nominee Tom Hale spoke in Ohio.\n\n\u201cWe will win,\u201d the Republican nominee said.",
         [("We will win,", "Tom Hale", "direct")]),
        ("Tom Hale, the party's nominee, spoke in Ohio.\n\n\u201cWe will win,\u201d the nominee said.", [("We will win,", "Tom Hale", "direct")]),
        ("Sen. Ana Ruiz spoke first.\n\n\u201cWe will win,\u201d the senator said.", [("We will win,", "Ana Ruiz", "direct")]),
        # ... not when two people have the title, nor when the title names another party, nor after a weekday
        ("Republican nominee Tom Hale and Democratic nominee Ana Ruiz spoke.\n\n\u201cWe will win,\u201d the nominee said.",
         [("We will win,", "the nominee", "direct")]),
        ("Republican presidential nominee Tom Hale spoke.\n\n\u201cWe will win,\u201d the Democratic presidential nominee said.",
         [("We will win,", "the Democratic presidential nominee", "direct")]),
        ("Reporters told the senator Tuesday that the vote was close.\n\n\u201cWe will win,\u201d the senator said.",
         [("We will win,", "the senator", "direct")]),
        # an indefinite one is someone else, unnamed, even when a person with that title spoke
        ("\u201cWe will win,\u201d said Sen. Ana Ruiz.\n\n\u201cWe will lose,\u201d a senator said.",
         [("We will win,", "Ana Ruiz", "direct"), ("We will lose,", "a senator", "direct")]),
    ],
)
def test_description_is_the_person_with_that_title(text, expected):
    assert who(text) == expected


@pytest.mark.parametrize(
    "text, name, title, description",
    [
        ("\u201cWe are ready,\u201d said Ugandan President Yoweri Museveni.", "Yoweri Museveni", "Ugandan President", None),
        ("\u201cNo comment,\u201d said Sean McCormack, a spokesman for the State Department.",
         "Sean McCormack", "spokesman for the State Department", None),
        ("Minister Ana Ruiz, a former teacher from Leon, said \u201cthe schools stay open.\u201d", "Ana Ruiz", "Minister", "a former teacher from Leon"),
        # the name set beside a description subject is the speaker, and the description its title
        ("The state department spokesman, Sean McCormack, said \u201cthe talks failed.\u201d",
         "Sean McCormack", "state department spokesman", None),
        ("The company's chief executive, Jane Doe, said \u201cprofits will rise.\u201d", "Jane Doe", "company's chief executive", None),
    ],
)
def test_titles_and_descriptions(text, name, title, description):
    d = quotes.extract(text).to_dict()
    sp = d["speakers"][0]
    assert (sp["name"], sp["title"], sp["description"]) == (name, title, description)


@pytest.mark.parametrize(
    "text, name, expected",
    [
        ("Sam Lau, the party's spokesman, said it was over.", "Sam Lau", ("party's spokesman", None)),
        # a missing comma runs the appositive into the attribution, which ends it
        ("It was over, said Doug Andres, spokesman for House Speaker Paul Ryan told the Post on Monday.", "Doug Andres",
         ("spokesman for House Speaker Paul Ryan", None)),
        # 'Ana Ruiz, a top aide said, ...' is an attribution of what Ruiz did, not a title of hers
        ("Ana Ruiz, a top aide said, will not run again.", "Ana Ruiz", (None, None)),
        # the full stop of a courtesy title, an abbreviated title or an initial does not end the appositive
        ("Tom Hale, a senior adviser to Mr. Baker, said so.", "Tom Hale", ("senior adviser to Mr. Baker", None)),
        ("Tom Hale, a former speechwriter for George W. Bush, said so.", "Tom Hale", (None, "a former speechwriter for George W. Bush")),
        ("Tom Hale, a political analyst in Kiev. He said so.", "Tom Hale", ("political analyst in Kiev", None)),
        # a title and a name beside this one is another person
        ("One who backs Ana Ruiz, former Colorado Rep. Pat Hale, lives here.", "Ana Ruiz", (None, None)),
        ("Bob Hale, a Tennessee Republican, said so.", "Bob Hale", (None, "a Tennessee Republican")),
    ],
)
def test_appositive_title_stops_at_the_attribution(text, name, expected):
    assert resolve.title_and_description(text, name) == expected


@pytest.mark.parametrize(
    "text, name, title",
    [
        ("U.S. Secretary of State John Kerry spoke.", "John Kerry", "U.S. Secretary of State"),
        ("Apple President and CEO Tim Cook spoke.", "Tim Cook", "Apple President and CEO"),
        # a name before 'and' belongs to someone else
        ("Chinese President Xi Jinping and Secretary of State John Kerry met.", "John Kerry", "Secretary of State"),
        # a courtesy 'Dr.' between the title and the name is not part of the title, but is a title on its own
        ("Former State Senator Dr. Kelli Ward spoke.", "Kelli Ward", "Former State Senator"),
        ("Dr. Ben Carson spoke.", "Ben Carson", "Dr."),
        # a title-case headline capitalises every word before the name; the body says what the title is
        ("Trump Praises Breitbart's Political Editor Matthew Boyle\n\nBreitbart News editor Matthew Boyle spoke.", "Matthew Boyle",
         "Breitbart News editor"),
        # lowercase modifiers before a lowercase title word belong to the title
        ("Republican presidential nominee Tom Hale spoke.", "Tom Hale", "Republican presidential nominee"),
        ("Ruiz campaign communications director Ana Lee spoke.", "Ana Lee", "Ruiz campaign communications director"),
        ("Democratic vice presidential nominee Tim Kaine spoke.", "Tim Kaine", "Democratic vice presidential nominee"),
        # ... not a verb or a phrase between two names, nor words before a preposition
        ("Sen. Ana Ruiz grilled Acme Bank CEO Tom Hale.", "Tom Hale", "Acme Bank CEO"),
        ("The news was welcome to House Speaker Tom Hale.", "Tom Hale", "House Speaker"),
        ("Just look at House Speaker Tom Hale.", "Tom Hale", "House Speaker"),
    ],
)
def test_title_before_a_name(text, name, title):
    assert resolve.title_and_description(text, name)[0] == title



@pytest.mark.parametrize(
    "line, expected",
    [
        ("Hillary Clinton Slams Donald Trump On Abortion After Court Ruling.", True),
        ("Ted Cruz Refuses to Disavow Lindsey Graham Endorsement.", True),
        ("Richard Hays Powell.", False),  # a signature: a name, not a headline
        ("Nevada Senator Harry Reid said on Tuesday that the vote was close.", False),
        ("NATO LEADERS MEET IN BRUSSELS TODAY", False),  # capitals, not title case
    ],
)
def test_headline_case(line, expected):
    assert resolve.headline_case(line) is expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a title-case headline NER runs together is no name: the body's "Maria Lopez" is
        ("Maria Lopez Slams City Council Over Budget Cuts Plan.\n\nCouncil member Maria Lopez criticized the plan on Monday.",
         [("the plan", "Maria Lopez", None)]),
        # a title does not reach back over the line before it
        ("Warren Hammers Bank Chief: \u2018You Should Be Investigated.\u2019\n\nMassachusetts Sen. Elizabeth Warren "
         "questioned the bank chief.\n\n\u201cYou should resign,\u201d Warren said.",
         [("You Should Be Investigated.", "Warren Hammers Bank Chief", None), ("You should resign,", "Elizabeth Warren", "Massachusetts Sen.")]),
        # the spokeswoman speaks, not the person she speaks for
        ("A spokeswoman for Hillary Clinton said \u201cthe report is false.\u201d",
         [("the report is false.", "A spokeswoman for Hillary Clinton", None)]),
        # but 'by' names the author
        ("\u201cPrices will rise,\u201d said an analysis by Lily Batchelder.", [("Prices will rise,", "Lily Batchelder", None)]),
        # 'Mr.' is a courtesy: what comes before it is someone else's ("Both Mr. King and")
        ("Both Mr. King and Mr. Schultz worked there.\n\n\u201cIt was a shock to me,\u201d said Mr. Schultz.",
         [("It was a shock to me,", "Schultz", None)]),
        ("\u201cIt was astonishing,\u201d said Mr. McGinley, the law professor.", [("It was astonishing,", "McGinley", "law professor")]),
        # common words and parties NER or the name's left edge took in are not the name
        ("Billionaire Donald Trump said \u201cthe polls are rigged.\u201d", [("the polls are rigged.", "Donald Trump", None)]),
        ("Democrat Hillary Clinton said \u201cwe will win.\u201d", [("we will win.", "Hillary Clinton", None)]),
        ("Pope Francis said \u201cwalls divide people.\u201d", [("walls divide people.", "Francis", "Pope")]),
        # a title stops at the sentence before it, a sentence's opening word, and an appositive's relative clause
        ("Clinton backs the Trans-Pacific Partnership. Republican nominee Donald Trump said \u201cit is a disaster.\u201d",
         [("it is a disaster.", "Donald Trump", "Republican nominee")]),
        ("But Attorney General Eric Schneiderman said \u201cthe case is open.\u201d", [("the case is open.", "Eric Schneiderman", "Attorney General")]),
        ("\u201cIt will pass,\u201d said Erin Murphy, a former Clinton aide who went with her to Burma.",
         [("It will pass,", "Erin Murphy", "former Clinton aide")]),
        # a headline's run-on "name" (here NER's organisation "Obama Says New Museum Will Tell") is no one's
        ("Obama Says New Museum Will Tell of Suffering and Delight.\n\n\u201cIt is a great day,\u201d Obama said.",
         [("New Museum Will Tell of Suffering and Delight", "Obama", None), ("It is a great day,", "Obama", None)]),
        # an organisation named after a person is not that person's fuller name
        ("\u201cWe lost money,\u201d said a manager at the Trump Taj Mahal.\n\n\u201cIt will be huge,\u201d Trump said.",
         [("We lost money,", "a manager at the Trump Taj Mahal", None), ("It will be huge,", "Trump", None)]),
        ("\u201cWe raised millions,\u201d the Clinton Foundation said.\n\n\u201cI am proud of it,\u201d Clinton said.",
         [("We raised millions,", "Clinton Foundation", None), ("I am proud of it,", "Clinton", None)]),
        ("\u201cWe will win,\u201d said Carly Fiorina.\n\n\u201cThe polls are wrong,\u201d Fiorina said.",
         [("We will win,", "Carly Fiorina", None), ("The polls are wrong,", "Carly Fiorina", None)]),
        # a nickname in marks stays in the name, and a name does not end on 'of'
        ('Volunteers gathered at the pier at dawn. Luis "Pepe" Navarro of Fresno held a banner for hours. "My feet are '
         'done," he said.', [("My feet are done,", 'Luis "Pepe" Navarro', None)]),
        # another Clinton's title is not hers
        ("President Bill Clinton spoke first.\n\nHillary Clinton spoke later. \u201cWe will win,\u201d Clinton said.",
         [("We will win,", "Hillary Clinton", None)]),
    ],
)

def test_names_and_titles_come_clean(text, expected):
    d = quotes.extract(text).to_dict()
    sp = {s["id"]: s for s in d["speakers"]}
    assert [(q["text"], sp[q["speaker"]["id"]]["name"], sp[q["speaker"]["id"]]["title"]) for q in d["quotes"]] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a surname the tagger reads as a plural noun in a headline is the person the body names in full
        ("The Latest: Sanders urges supporters to watch polling places.\n\nBernie Sanders spoke in Ohio on Monday.",
         [("supporters to watch polling places", "Bernie Sanders", "person")]),
        ("Waters Says Plan Will Fail.\n\nMaxine Waters said on Monday that the plan would fail.",
         [("Plan Will Fail", "Maxine Waters", "person"), ("the plan would fail", "Maxine Waters", "person")]),
        # a capitalised description with no fuller name in the article stays as written
        ("The Latest: Sanders urges supporters to watch polling places.", [("supporters to watch polling places", "Sanders", "group")]),
        # a person's name inside what NER calls an organisation: after an outlet's possessive, or after a title
        ("\u201cWe will win the state,\u201d Fox News' Sean Hannity said on Monday.\n\n\u201cIt is over,\u201d Hannity said.",
         [("We will win the state,", "Sean Hannity", "person"), ("It is over,", "Sean Hannity", "person")]),
        ("\u201cThe campaign is strong,\u201d Spokeswoman Haley Morris said.\n\nMorris added, \u201cWe have money.\u201d",
         [("The campaign is strong,", "Haley Morris", "person"), ("We have money.", "Haley Morris", "person")]),
        ("\u201cPrices are up,\u201d said Goldman Sachs.", [("Prices are up,", "Goldman Sachs", "organization")]),
        # an abbreviated title ('Del.' for a delegate) does not end the sentence, nor is it the speaker
        ("Members objected.\n\n\u201cIt is a waste of time,\u201d said Del. Stacey Plaskett of the Virgin Islands.",
         [("It is a waste of time,", "Stacey Plaskett", "person")]),
    ],
)
def test_short_and_mislabelled_names_find_the_person(text, expected):
    d = quotes.extract(text).to_dict()
    sp = {s["id"]: s for s in d["speakers"]}
    assert [(q["text"], sp[q["speaker"]["id"]]["name"], sp[q["speaker"]["id"]]["type"]) for q in d["quotes"]] == expected


@pytest.mark.parametrize(
    "text, speaker, source",
    [
        ("\u201cTalks are over,\u201d said Foreign Minister Ivan Petrov, according to the news agency Interfax.", "Ivan Petrov", "Interfax"),
        ("Ivan Petrov told Reuters that \u201cthe talks are over.\u201d", "Ivan Petrov", "Reuters"),
        ("\u201cWe will not retreat,\u201d said Tom Baker. | Photo: Reuters", "Tom Baker", "Reuters"),
    ],
)
def test_sources(text, speaker, source):
    d = quotes.extract(text).to_dict()
    q = [q for q in d["quotes"] if q["kind"] != "indirect"][0]
    names = {s["id"]: s["name"] for s in d["speakers"] + d["sources"]}
    assert names[q["speaker"]["id"]] == speaker
    assert q["source"] is not None and names[q["source"]["id"]] == source


def test_source_is_never_the_speakers_employer():
    d = quotes.extract("\u201cNo comment,\u201d said Ann Lee, a spokeswoman for the BBC.").to_dict()
    assert d["quotes"][0]["source"] is None


@pytest.mark.parametrize(
    "text, clause",
    [
        ("Officials said the bridge would reopen next week.", "the bridge would reopen next week"),
        ("The mayor told reporters that the budget was balanced.", "the budget was balanced"),
        ("Unemployment fell to four percent, according to the labor department.", "Unemployment fell to four percent"),
        # a cue set off by commas inside what it reports: both sides, as two segments
        ("The plan, officials said, will cost two billion dollars.", "The plan will cost two billion dollars"),
        ("As the Post reported, the mayor signed the budget on Friday.", "the mayor signed the budget on Friday"),
        ("The cause, according to Dennis Ross, was a decision to keep away.", "The cause was a decision to keep away"),
        # frames beyond a that-clause: an infinitive, an object, a preposition
        ("A spokeswoman for the ministry declined to comment.", "to comment"),
        ("Lena Park asked about the new tax on fuel.", "the new tax on fuel"),
        ("Chuck Todd asked the senator about the new tax on fuel.", "the new tax on fuel"),
        ("Sanders asked workers if they planned to attend the caucuses.", "they planned to attend the caucuses"),
        ("Officials said in a statement that the plant was safe.", "the plant was safe"),
        # the reason or purpose the parser hangs on the verb belongs to the object
        ("Senator Jones criticized Marco Rubio for opposing the bill.", "Marco Rubio for opposing the bill"),
        ("The president announced a series of steps to tighten firearms sales.", "a series of steps to tighten firearms sales"),
        # a condition hung on the speech verb belongs to what was said
        ("Mayor Ann Hill said she would run again if the party asked her.", "she would run again if the party asked her"),
        # a trailing as-clause of an evidential verb credits the clause it closes
        ("The tax would drive up deficits, as Paul Krugman noted in his column.", "The tax would drive up deficits"),
        # 'voters are likely to say': the subject reached through the adjective
        ("Older voters are more likely to say the economy is getting worse.", "the economy is getting worse"),
        # a cue that ends its sentence, with a participle of its own after it, reports the clause before it
        ("She had struggled her whole life, Cruz explained, recalling the time he and his father visited her.",
         "She had struggled her whole life"),
        # a gerund subject the parser reads as the verb's complement
        ("Ana Ruiz said seeing so many volunteers was a welcome sight.", "seeing so many volunteers was a welcome sight"),
        # '85% of Democrats': a percentage is a subject, not a stray mark
        ("In Ohio, 62% of voters said the economy was improving.", "the economy was improving"),
        # 'called X Y' where the parser hangs Y on X as an apposition
        ("Sanders called her fallen son her hero before the crowd.", "her fallen son her hero"),
        # new frames: blame X for Y, argue for X, joke about X, tweet X
        ("The senator blamed the drought for the rise in prices.", "the drought for the rise in prices"),
        ("The mayor argued for a new tax on hotels.", "a new tax on hotels"),
        ("The president tweeted a photo of the new bridge.", "a photo of the new bridge"),
        # the passive subject of a reporting verb is what was reported, by the agent or by nobody named
        ("News of the move was first reported by the Miami Herald.", "News of the move"),
        ("The compromise of the agency computers had been previously reported in May.", "The compromise of the agency computers"),
        # who is urged to act belongs to what was urged; a day is not
        ("The group urged the Supreme Court to intervene.", "the Supreme Court to intervene"),
        ("The senator promised Monday to cut taxes for families.", "to cut taxes for families"),
        # 'called for X to Y', which the parser hangs on the verb as a clause
        ("The mayor called for the council to resign.", "the council to resign"),
        ("Union leaders called for the company to raise wages this year.", "the company to raise wages this year"),
        # an answer the parser hangs on the verb as an interjection
        ("When asked, 46 percent of voters said yes.", "yes"),
        # a 'though' clause was mostly part of what was said on PolNeAR train: it stays
        ("The aide said all staff sign the agreement, though she did not discuss its terms.",
         "all staff sign the agreement, though she did not discuss its terms"),
        # a that-clause the parser hangs on the object, or reads as an adverbial after a phrase
        ("In Denver, the mayor told a meeting of transit workers that few riders understood the new fares.",
         "few riders understood the new fares"),
        ("The mayor said after the vote he would not seek a third term.", "he would not seek a third term"),
        # frames added at the 50% bar: pledge to, explain X, accuse of, comment on; ask and tell only with
        # a noun of speech as their object
        ("The governor pledged to raise the minimum wage.", "to raise the minimum wage"),
        ("The senator explained her vote on the farm bill.", "her vote on the farm bill"),
        ("The guards have been accused of abusing the prisoners.", "abusing the prisoners"),
        ("The senator commented on the new tax on fuel.", "the new tax on fuel"),
        ("The mayor told the story of a nurse who lost her job.", "the story of a nurse who lost her job"),
        ("The reporter asked a question about the budget.", "a question about the budget"),
        # an as-phrase right after the object says what it was called, whatever the object verb
        ("The mayor praised her rival as a tireless worker for the city.", "her rival as a tireless worker for the city"),
    ],
)
def test_indirect_speech(text, clause):
    d = quotes.extract(text).to_dict()
    assert [q["text"] for q in d["quotes"] if q["kind"] == "indirect"] == [clause]


@pytest.mark.parametrize(
    "text, clauses",
    [
        # the speaker's own participle cue, hung inside the clause by the parser, reports the next clause
        ("Corey Lee, the campaign manager, said that the candidate was not contradicting his stance on donors by "
         "accepting their help, noting that most of the money raised would go to the party.",
         ["the candidate was not contradicting his stance on donors by accepting their help", "most of the money raised"]),
        ("The manager said the increased focus on costs is taking a toll on the company, pointing to losses in Texas.",
         ["the increased focus on costs is taking a toll on the company"]),
        # a contrast set beside the report, with its own speakers
        ("Most teachers said the reform had failed, while parents said it had worked.", ["the reform had failed", "it had worked"]),
        # the cue's second, quoting predicate coordinated into the clause ('called' in the tense of 'said')
        ("Senator Ruth Hale said the plan would raise prices, and called it \"a gift to lobbyists.\"", ["the plan would raise prices"]),
        # a past-tense verb coordinated into a to-infinitive is the speaker's next act: it cannot share 'to'
        ("Cruz urged rivals to coalesce around their campaigns and tried to make the case that the fight was young.",
         ["rivals to coalesce around their campaigns"]),
        # ... but a verb in the tense of the clause it is coordinated with stays in it
        ("The judge ruled that the rules could remove eligible voters and are not in compliance with the law.",
         ["the rules could remove eligible voters and are not in compliance with the law"]),
        # another speech verb with a clause or infinitive of its own is the speaker's next report
        ("The senator said she regretted the vote and promised to support the bill next year.",
         ["she regretted the vote", "to support the bill next year"]),
        ("Officials said the plant was safe and warned that the river could flood.", ["the plant was safe", "the river could flood"]),
        # a ', which ...' clause ending an object report is the writer's comment on it
        ("The senator criticized the trade deal, which passed in 2015.", ["the trade deal"]),
        ("Critics accused the mayor of lying, which he denies.", ["the mayor of lying"]),
        # a relative clause that quotes someone comments on the report
        ("The spokesman said the marchers were escorted by observers, whom he described as \"calm,\" for the whole route.",
         ["the marchers were escorted by observers"]),
    ],
)
def test_reported_clause_ends_where_the_speaker_goes_on(text, clauses):
    d = quotes.extract(text).to_dict()
    assert [q["text"] for q in d["quotes"] if q["kind"] == "indirect"] == clauses


@pytest.mark.parametrize(
    "text, speakers",
    [
        # a passive speech verb: the agent speaks, or nobody named; never the one who was asked or told
        ("He was told by aides that the plan had failed.", [("the plan had failed", "aides")]),
        ("The senator was told that the vote had failed.", [("the vote had failed", None)]),
        ("Asked why he had not endorsed the governor, Sanders said he had not heard enough.",
         [("why he had not endorsed the governor", None), ("he had not heard enough", "Sanders")]),
        ("Trump was asked, \"Are you going to run?\"", [("Are you going to run?", None)]),
    ],
)
def test_passive_speech_verbs(text, speakers):
    d = quotes.extract(text).to_dict()
    names = {s["id"]: s["name"] for s in d["speakers"]}
    assert [(q["text"], names.get((q["speaker"] or {}).get("id"))) for q in d["quotes"]] == speakers


@pytest.mark.parametrize(
    "text, expected",
    [
        # the parser hangs a passive speech verb's 'by' on what the thing was called: the person there speaks
        ("This part of the plan has been called \u201cstrategic ambiguity\u201d by Tom Hale, a professor at Elm College.",
         [("strategic ambiguity", "Tom Hale", "partial")]),
        ("The plan was described as \u201ca disaster\u201d by Tom Baker.", [("a disaster", "Tom Baker", "partial")]),
        # ... but no 'by' phrase that names no one
        ("The plan has been called \u201cstrategic ambiguity\u201d by the standards of the city.",
         [("strategic ambiguity", None, "partial")]),
        # a 'by' the parser takes for the agent but that says how or when is no speaker
        ("The senator was told \u201cno\u201d by phone.", [("no", None, "partial")]),
        ("The plan was described as \u201ca disaster\u201d by 2020.", [("a disaster", None, "partial")]),
    ],
)
def test_passive_agent_the_parser_hangs_on_what_was_said(text, expected):
    assert who(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a subject the parser hangs on the clause set off before the cue still speaks
        ("Ana Ruiz, meanwhile, who sits on the city board, said the plan was \u201ca costly mistake.\u201d",
         [("a costly mistake.", "Ana Ruiz", "partial")]),
        ("Senator Tom Hale, exasperated, famously responded: \u201cWhat difference does it make now?\u201d",
         [("What difference does it make now?", "Tom Hale", "direct")]),
        # a colon after a clause too long to be an intro: the main verb's named subject, not a thing
        ("The Hale campaign, in a long memo sent to donors on the tax dispute late on Friday, put it more carefully: "
         "\u201cWe will not raise taxes on anyone.\u201d", [("We will not raise taxes on anyone.", "The Hale campaign", "direct")]),
        ("Despite written notices, the weather over the long and rainy week in the northern valley finally turned: "
         "\u201cIt was grim.\u201d", [("It was grim.", None, "direct")]),
        # a speech verb the tagger read as a noun, right after the quote
        ("\u201cOur country shares the same enemies as its partners,\u201d the Saudis state in the paper.",
         [("Our country shares the same enemies as its partners,", "Saudis", "direct")]),
        # an inverted intro line before a quoted paragraph
        ("Maria Lopez spoke for an hour.\n\nStated Lopez:\n\n\u201cWe will win this fight and we will win it soon.\u201d",
         [("We will win this fight and we will win it soon.", "Maria Lopez", "direct")]),
        # an intro that ends on a statement or a document: its maker speaks, not the intro's subject
        ("The website rated this statement by Ana Ruiz on June 11:\n\n\u201cThe rate is 59 percent.\u201d",
         [("The rate is 59 percent.", "Ana Ruiz", "direct")]),
        ("The paper printed Mayor Ruiz's statement:\n\n\u201cWe will rebuild every house.\u201d",
         [("We will rebuild every house.", "Ruiz", "direct")]),
        ("From Tom Hale's Facebook post: \u201cWe will rebuild every house.\u201d", [("We will rebuild every house.", "Tom Hale", "direct")]),
        # ... but not a statement the intro answers or speaks about
        ("Mayor Lee on Ruiz's statement: \u201cWe will rebuild every house.\u201d", [("We will rebuild every house.", "Lee", "direct")]),
        ("Tom Hale responded to a statement by Ana Ruiz:\n\n\u201cWe will rebuild every house.\u201d",
         [("We will rebuild every house.", "Tom Hale", "direct")]),
        # the person an infinitive's verb acts on speaks when that verb's subject names no one
        ("That prompted Ana Ruiz to make a joke about yoga and call Hale \u201cvery flexible,\u201d a nod to his changes.",
         [("very flexible,", "Ana Ruiz", "partial")]),
        ("The remark forced Lee to say it was \u201ca joke.\u201d", [("a joke.", "Lee", "partial")]),
        # ... not when the subject names someone: the subject does it with the object
        ("Ruiz used Twitter to call Hale \u201ca loser\u201d on Monday.", [("a loser", "Ruiz", "partial")]),
        # a speech noun says who spoke: the person its by/of phrase names, or its possessor before a copula
        ("The ruling drew criticism, including the suggestion by a senator that someone \u201cought to look into\u201d the judge.",
         [("ought to look into", "a senator", "partial")]),
        ("The senator's answer was that \u201cthe family comes first,\u201d so the state should help parents.",
         [("the family comes first,", "The senator", "partial")]),
        # 'by 2020' names no one, and the ruling (a thing) said nothing: the words stay, credited to nobody
        ("The ruling drew criticism, including the suggestion by 2020 that someone \u201cought to look into\u201d the judge.",
         [("ought to look into", None, "partial")]),
    ],
)
def test_speakers_the_parse_leaves_without_a_subject(text, expected):
    assert who(text) == expected


def test_reported_clause_whose_speaker_the_parse_lost_is_kept_with_a_warning():
    d = quotes.extract("Majorities of Democrats in five states going to the polls Tuesday say they would be satisfied with both candidates.").to_dict()
    q = [q for q in d["quotes"] if q["kind"] == "indirect"]
    assert [(x["text"], x["speaker"]) for x in q] == [("they would be satisfied with both candidates", None)]
    assert q[0]["confidence"] <= 0.2 and [w["code"] for w in d["warnings"]] == ["no-speaker"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The plan, officials said, will cost two billion dollars.", "officials"),
        ("As reported by Western Journalism, investigators found over 2,200 emails.", "Western Journalism"),
    ],
)
def test_parenthetical_cue_speaks_not_the_clause_it_reports(text, speaker):
    d = quotes.extract(text).to_dict()
    names = {s["id"]: s["name"] for s in d["speakers"]}
    assert [names[q["speaker"]["id"]] for q in d["quotes"] if q["kind"] == "indirect"] == [speaker]


def test_unresolved_pronoun_stays_the_speaker_with_a_warning():
    d = quotes.extract("\u201cThe vote was rigged,\u201d she said.").to_dict()
    q = d["quotes"][0]
    assert q["speaker"] is not None and q["speaker"]["mention"]["text"] == "she"
    assert q["confidence"] <= 0.5 and "unresolved" in q["evidence"]
    assert [w["code"] for w in d["warnings"]] == ["unresolved-pronoun"]


@pytest.mark.parametrize(
    "text",
    [
        "The bridge reopened next week after the storm passed.",
        # an as-clause of time or comparison is no attribution
        "The crowd cheered loudly, as the senator continued.",
        "The hall was not as full as the organisers suggested.",
        # the passive subject of a verb that is not a reporting one here: a meeting is called, not said
        "The meeting was called by the mayor.",
        # 'went on' speaks only with someone to speak
        "As the day went on, the candidate grew tired of the contrast with his father.",
        # asked and told with who is spoken to as the object report nothing
        "The coach asked the students.",
        "She told the crowd.",
        # a speech verb inside quotation marks (here a column's title) reports nothing of the writer's
        "Letters.\n\nAnna Berg's commentary, \u201cDaniel, tell your family story,\u201d is very moving.",
    ],
)
def test_no_indirect_speech_without_an_attribution(text):
    d = quotes.extract(text).to_dict()
    assert [q["text"] for q in d["quotes"] if q["kind"] == "indirect"] == []


@pytest.mark.parametrize(
    "text, source",
    [
        ("Omar Diaz was quoted by the Chinese Xinhua news service as saying that \u201cthe vote was free.\u201d", "Xinhua"),
        ("The minister told the Canadian Press that \u201cthe border stays open.\u201d", "Canadian Press"),
        ("The minister said the border would stay open, according to the BBC.", "BBC"),
    ],
)
def test_relays(text, source):
    d = quotes.extract(text).to_dict()
    names = {s["id"]: s["name"] for s in d["sources"]}
    assert [names.get((q["source"] or {}).get("id")) for q in d["quotes"]] == [source]


def test_according_to_phrase_is_not_part_of_the_reported_clause():
    d = quotes.extract("The minister said the border would stay open, according to the BBC.").to_dict()
    assert d["quotes"][0]["text"] == "the border would stay open"


@pytest.mark.parametrize(
    "text, name, type_, anonymous",
    [
        ("\u201cWe are ready,\u201d a senior official said.", "a senior official", "person", True),
        ("\u201cThe road is gone,\u201d said the head of news for the county television station.",
         "the head of news for the county television station", "person", False),
        ("\u201cWe found two bodies,\u201d the force said in a statement.", "the force", "organization", False),
        ("Syria has denied the charges, saying \u201cthe reports are lies.\u201d", "Syria", "organization", False),
        # an 'it' with no antecedent is an organisation or a document, never a person; 'he' is a person
        ("\u201cWe will appeal,\u201d it said in a statement.", "it", "organization", False),
        ("\u201cWe will appeal,\u201d he said in a statement.", "he", "person", False),
    ],
)
def test_unnamed_anonymous_and_organisations(text, name, type_, anonymous):
    d = quotes.extract(text).to_dict()
    sp = d["speakers"][0]
    assert (sp["name"], sp["type"], sp["anonymous"]) == (name, type_, anonymous)


def test_one_speaker_across_the_article():
    """Full name first, then the surname, a pronoun and the title alone: one entity, its fullest name."""
    text = ("Defense Secretary Robert Gates visited the base on Monday.\n"
            "\u201cWe are making progress,\u201d Gates said.\n"
            "\u201cThe troops are tired,\u201d he said.\n"
            "The secretary said the war would end soon.\n")
    d = quotes.extract(text).to_dict()
    assert len(d["speakers"]) == 1
    sp = d["speakers"][0]
    assert (sp["name"], sp["title"], sp["type"]) == ("Robert Gates", "Defense Secretary", "person")
    assert [q["speaker"]["mention"]["text"] for q in d["quotes"]] == ["Gates", "he", "The secretary"]


def test_a_name_spaced_with_a_no_break_space_is_one_speaker():
    """Web pages put no-break spaces and soft hyphens inside names; the entity is one, its mentions exact."""
    text = "FBI Director James\xa0Comey said the case was \u201cclosed.\u201d \u201cWe found nothing,\u201d James Comey said later."
    d = quotes.extract(text).to_dict()
    assert [(s["name"], s["title"]) for s in d["speakers"]] == [("James Comey", "FBI Director")]
    assert all(text[m["start"]:m["end"]] == m["text"] for m in d["speakers"][0]["mentions"])
    assert "James\xa0Comey" in [m["text"] for m in d["speakers"][0]["mentions"]]


def test_if_clause_the_parser_hangs_above_asked_is_the_question():
    """A hand-built parse as the model gives it for some sentences: the if-clause hangs on the main verb,
    right after the words of 'asked'."""
    import spacy
    from spacy.tokens import Doc

    from quotes import attribute, lexicons

    words = ["When", "I", "asked", "Sanders", "if", "he", "would", "endorse", "Clinton", ",", "he", "looked", "away", "."]
    heads = [2, 2, 11, 2, 7, 7, 7, 11, 7, 11, 11, 11, 11, 11]
    deps = ["advmod", "nsubj", "advcl", "dobj", "mark", "nsubj", "aux", "advcl", "dobj", "punct", "nsubj", "ROOT", "advmod", "punct"]
    tags = ["WRB", "PRP", "VBD", "NNP", "IN", "PRP", "MD", "VB", "NNP", ",", "PRP", "VBD", "RB", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags)
    parts, _ = attribute._reported(doc[2], lexicons.reporting_frames(), False)
    assert [doc.text[a:z] for a, z in parts] == ["he would endorse Clinton"]
    # 'looked' is no reporting verb: the clause is the question's only because it follows 'asked Sanders'
    assert attribute._reported(doc[11], lexicons.reporting_frames(), False)[0] is None


def _doc(words, heads, deps, tags):
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags)


def test_of_two_subjects_the_parser_gives_a_cue_the_nearest_speaks():
    """Hand-built parses as the model gives them: 'The rejection signals the end, said Paula Grant' with both
    'rejection' and 'Grant' made subjects of 'said'; but a verb climbed to from a participle keeps its first."""
    from quotes import attribute

    doc = _doc(["The", "rejection", "signals", "the", "end", ",", "said", "Paula", "Grant", "."],
               [1, 6, 1, 4, 2, 6, 6, 8, 6, 6],
               ["det", "nsubj", "acl", "det", "dobj", "punct", "ROOT", "compound", "nsubj", "punct"],
               ["DT", "NN", "VBZ", "DT", "NN", ",", "VBD", "NNP", "NNP", "."])
    assert attribute.speaker_of(doc[6])[0].text == "Grant"
    doc = _doc(["Ryan", ",", "despite", "admitting", "it", ",", "the", "victims", "need", "help", "."],
               [8, 8, 8, 2, 3, 8, 7, 8, 8, 8, 8],
               ["nsubj", "punct", "prep", "pcomp", "dobj", "punct", "det", "nsubj", "ROOT", "dobj", "punct"],
               ["NNP", ",", "IN", "VBG", "PRP", ",", "DT", "NNS", "VBP", "NN", "."])
    assert attribute.speaker_of(doc[3])[0].text == "Ryan"
    # 'Speaking in Dover, New Hampshire, Trump went after Cruz, calling him ...': the state set off by commas
    # after the town is where, not who, though the parser made it the first subject
    doc = _doc(["Speaking", "in", "Dover", ",", "New", "Hampshire", ",", "Trump", "went", "after", "Cruz", ",", "calling", "him", "weak", "."],
               [8, 0, 1, 8, 5, 8, 8, 8, 8, 8, 9, 8, 8, 12, 12, 8],
               ["advcl", "prep", "pobj", "punct", "compound", "nsubj", "punct", "nsubj", "ROOT", "prep", "pobj", "punct", "advcl",
                "dobj", "oprd", "punct"],
               ["VBG", "IN", "NNP", ",", "NNP", "NNP", ",", "NNP", "VBD", "IN", "NNP", ",", "VBG", "PRP", "JJ", "."])
    assert attribute.speaker_of(doc[12])[0].text == "Trump"


def test_a_name_the_parser_made_the_head_speaks_for_the_verb_hung_on_it():
    """Hand-built: 'Ruiz, who passed the tax, interjected to say: ...' with 'Ruiz' the sentence's root and
    'interjected' a modifier of it; a common noun there ('plan, which ...') still names no speaker."""
    from quotes import attribute

    words = ["Ruiz", ",", "who", "passed", "the", "tax", ",", "interjected", "to", "say", ":"]
    heads = [0, 0, 3, 0, 5, 3, 0, 0, 9, 7, 0]
    deps = ["ROOT", "punct", "nsubj", "relcl", "det", "dobj", "punct", "acl", "aux", "xcomp", "punct"]
    doc = _doc(words, heads, deps, ["NNP", ",", "WP", "VBD", "DT", "NN", ",", "VBN", "TO", "VB", ":"])
    assert attribute.speaker_of(doc[9])[0].text == "Ruiz"
    doc = _doc(["plan"] + words[1:], heads, deps, ["NN", ",", "WP", "VBD", "DT", "NN", ",", "VBN", "TO", "VB", ":"])
    assert attribute.speaker_of(doc[9])[0] is None


def test_a_party_and_state_in_brackets_is_no_speaker():
    """Hand-built: 'At the picnic Sen. Tom Hale (D-OH) said ...' with 'said' left without a subject and the name
    and the bracketed 'D-OH' hung on 'picnic' as appositions: the name before the bracket speaks."""
    from quotes import attribute
    from quotes.segment import Block

    doc = _doc(["At", "the", "picnic", "Sen.", "Tom", "Hale", "(", "D", "-", "OH", ")", "said", "it", "failed", "."],
               [11, 2, 0, 5, 5, 2, 5, 9, 9, 5, 5, 11, 13, 11, 11],
               ["prep", "det", "pobj", "compound", "compound", "appos", "punct", "compound", "punct", "appos", "punct",
                "ROOT", "nsubj", "ccomp", "punct"],
               ["IN", "DT", "NN", "NNP", "NNP", "NNP", "-LRB-", "NNP", "HYPH", "NNP", "-RRB-", "VBD", "PRP", "VBD", "."])
    assert attribute._before_cue(doc[11], Block(0, len(doc.text), doc), []).text == "Hale"


def test_a_name_between_the_closing_mark_and_the_cue_speaks_when_parsed_as_an_object():
    """Hand-built: '"Wow," screenwriter Ana Ruiz wrote.' with 'screenwriter' read as a verb and 'Ruiz' as its
    object, 'wrote' left without a subject; a run holding a comma is no such phrase."""
    from quotes import attribute
    from quotes.segment import Block

    doc = _doc(["\"", "Wow", ",", "\"", "screenwriter", "Ana", "Ruiz", "wrote", "."],
               [7, 7, 7, 7, 7, 6, 4, 7, 7],
               ["punct", "intj", "punct", "punct", "parataxis", "compound", "dobj", "ROOT", "punct"],
               ["``", "UH", ",", "''", "VB", "NNP", "NNP", "VBD", "."])
    assert attribute._before_cue(doc[7], Block(0, len(doc.text), doc), []).text == "Ruiz"
    doc = _doc(["\"", "Wow", ",", "\"", "she", "told", ",", "Ruiz", "wrote", "."],
               [8, 8, 8, 8, 5, 8, 8, 5, 8, 8],
               ["punct", "intj", "punct", "punct", "nsubj", "parataxis", "punct", "dobj", "ROOT", "punct"],
               ["``", "UH", ",", "''", "PRP", "VBD", ",", "NNP", "VBD", "."])
    assert attribute._before_cue(doc[8], Block(0, len(doc.text), doc), []) is None


def test_a_report_that_is_not_finite_belongs_to_the_report_above_it_whoever_makes_it():
    """Hand-built: 'Critics say he had proposed to dismantle it.' with 'proposed' a participle under 'say': the
    critics' report holds it, though 'critics' is no name or title. But 'Kent denied paying a roofer who said he
    was cheated, saying it failed.' with the comma participle 'saying' hung inside the relative clause: it tells
    what Kent did, not what the roofer said."""
    from quotes import attribute
    from quotes.segment import Block

    doc = _doc(["Critics", "say", "he", "had", "proposed", "to", "dismantle", "it", "."],
               [1, 1, 4, 4, 1, 6, 4, 6, 1],
               ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "aux", "xcomp", "dobj", "punct"],
               ["NNS", "VBP", "PRP", "VBD", "VBN", "TO", "VB", "PRP", "."])
    assert attribute._outer_cue(doc[4], Block(0, len(doc.text), doc), []).text == "say"
    doc = _doc(["Kent", "denied", "paying", "a", "roofer", "who", "said", "he", "was", "cheated", ",", "saying", "it",
                "failed", "."],
               [1, 1, 1, 4, 2, 6, 4, 9, 9, 6, 9, 9, 13, 11, 1],
               ["nsubj", "ROOT", "xcomp", "det", "dobj", "nsubj", "relcl", "nsubjpass", "auxpass", "ccomp", "punct",
                "advcl", "nsubj", "ccomp", "punct"],
               ["NNP", "VBD", "VBG", "DT", "NN", "WP", "VBD", "PRP", "VBD", "VBN", ",", "VBG", "PRP", "VBD", "."])
    assert attribute._outer_cue(doc[11], Block(0, len(doc.text), doc), []).text == "denied"


def test_a_second_that_clause_the_parser_coordinates_with_the_verb_is_said_too():
    """Hand-built: 'said that A, but that B' with the second that-clause hung on 'said' as a conjunct."""
    from quotes import attribute, lexicons

    doc = _doc(["Officials", "said", "that", "taxes", "would", "fall", ",", "but", "that", "spending", "would", "rise", "."],
               [1, 1, 5, 5, 5, 1, 1, 1, 11, 11, 11, 1, 1],
               ["nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct", "cc", "mark", "nsubj", "aux", "conj", "punct"],
               ["NNS", "VBD", "IN", "NNS", "MD", "VB", ",", "CC", "IN", "NN", "MD", "VB", "."])
    parts, _ = attribute._reported(doc[1], lexicons.reporting_frames(), False)
    assert [doc.text[a:z] for a, z in parts] == ["taxes would fall , but that spending would rise"]


@pytest.mark.parametrize(
    "words, tags, name",
    [
        # a headline's verb NER ran into the name ends it
        (["Ted", "Cruz", "Refuses"], ["NNP", "NNP", "VBZ"], "Ted Cruz"),
        (["Obama", "Says"], ["NNP", "VBZ"], "Obama"),
        # a title or a common word in front is no part of it; two words always stay
        (["Representative", "Charles", "B.", "Rangel"], ["NNP", "NNP", "NNP", "NNP"], "Charles B. Rangel"),
        (["Pope", "Francis"], ["NNP", "NNP"], "Francis"),
        (["Billionaire", "Donald", "Trump"], ["NN", "NNP", "NNP"], "Donald Trump"),
        (["Cecile", "Richards"], ["NN", "NNP"], "Cecile Richards"),
    ],
)
def test_person_name_tokens(words, tags, name):
    doc = _doc(words, list(range(len(words))), ["ROOT"] * len(words), tags)
    assert " ".join(t.text for t in resolve._proper(list(doc))) == name


def _resolver(text: str, names: list[tuple[str, int]], quoted: list[str]) -> Resolver:
    """A resolver over hand-placed PERSON names (the n-th occurrence of each) and quotes."""
    def span(s: str, n: int = 0) -> Span:
        at = -1
        for _ in range(n + 1):
            at = text.index(s, at + 1)
        return Span(at, at + len(s), s)
    res = Resolver(text, [], [span(q) for q in quoted])
    res.names = sorted((span(s, n), "PERSON") for s, n in names)
    return res


@pytest.mark.parametrize(
    "text, names, quoted, name, expected",
    [
        # a nickname a speaker uses inside a quote gives way to the full name the writer uses
        ("Tom Baker spoke. Hale wrote: \u201cSleepy Tom Baker is weak.\u201d Baker said no.",
         [("Tom Baker", 0), ("Sleepy Tom Baker", 0)], ["Sleepy Tom Baker is weak."], "Baker", "Tom Baker"),
        # a full name met only inside a quote is still the fullest
        ("\u201cI met John Smith,\u201d she said. Smith said no.", [("John Smith", 0), ("Smith", 1)], ["I met John Smith,"],
         "Smith", "John Smith"),
        # ... and the quote does not hand the name to another person of the same surname
        ("Bill Clinton spoke. \u201cVote for Hillary Clinton,\u201d he said. Clinton said no.",
         [("Bill Clinton", 0), ("Hillary Clinton", 0)], ["Vote for Hillary Clinton,"], "Clinton", "Hillary Clinton"),
    ],
)
def test_fullest_name_and_quoted_names(text, names, quoted, name, expected):
    res = _resolver(text, names, quoted)
    assert res.fullest(name, text.rindex(name), "PERSON")[0] == expected


def test_pronoun_is_not_someone_named_inside_the_quote():
    text = "Mark Hall spoke first. \u201cI spoke with Bill Ruiz,\u201d he said."
    res = _resolver(text, [("Mark Hall", 0), ("Bill Ruiz", 0)], ["I spoke with Bill Ruiz,"])
    assert res.antecedent(text.index("he said"), False, []) == "Mark Hall"


@pytest.mark.parametrize(
    "text, names, pronoun, expected",
    [
        # 'she' is not the man named last; 'he' is
        ("Carla Diaz met Tom Baker. \u201cFine,\u201d she said.", [("Carla Diaz", 0), ("Tom Baker", 0)], "she", "Carla Diaz"),
        ("Carla Diaz met Tom Baker. \u201cFine,\u201d he said.", [("Carla Diaz", 0), ("Tom Baker", 0)], "he", "Tom Baker"),
        # a courtesy title gives the gender of a bare surname
        ("Mrs. Ruiz met Mr. Kent. \u201cFine,\u201d she said.", [("Ruiz", 0), ("Kent", 0)], "she", "Ruiz"),
        # of two people with one surname, the pronoun picks whose "Clinton" it is
        ("Hillary Clinton spoke. Bill Clinton came. Clinton left. \u201cFine,\u201d she said.",
         [("Hillary Clinton", 0), ("Bill Clinton", 0), ("Clinton", 2)], "she", "Hillary Clinton"),
        # a bare surname whose only full name is a woman's is no 'he'
        ("Ed Rendell praised Hillary Clinton. Rendell thanked Clinton. \u201cFine,\u201d he said.",
         [("Ed Rendell", 0), ("Hillary Clinton", 0), ("Rendell", 1), ("Clinton", 1)], "he", "Ed Rendell"),
        # a given name the lexicon does not know (used for both) is open to either pronoun
        ("Jordan Hale met Tom Baker. \u201cFine,\u201d she said.", [("Jordan Hale", 0), ("Tom Baker", 0)], "she", "Jordan Hale"),
        ("Carla Diaz met Jordan Hale. \u201cFine,\u201d he said.", [("Carla Diaz", 0), ("Jordan Hale", 0)], "he", "Jordan Hale"),
    ],
)
def test_pronoun_agrees_in_gender(text, names, pronoun, expected):
    res = _resolver(text, names, [text[text.index("\u201c") + 1:text.index("\u201d")]])
    gender = resolve._GENDER[pronoun]
    assert res.antecedent(text.rindex(f" {pronoun} said"), False, [], gender=gender) == expected


def test_she_said_after_a_man_named_last_is_the_woman_before_him():
    assert who("Carla Diaz met Tom Baker on Monday. \u201cIt went well,\u201d she said.") == [("It went well,", "Carla Diaz", "direct")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a 'he' in a clause below a verb whose subject is a name is that name, not the one named last
        ("Tom Cross said he is left with Mark Hall, whom he called \u201cthe worst candidate in years.\u201d",
         [("the worst candidate in years.", "Tom Cross", "partial")]),
        ("Jeb Bush went after Tom Kent at the debate, when he called the businessman \u201cunhinged.\u201d",
         [("unhinged.", "Jeb Bush", "partial")]),
        # a second person as the verb's object leaves 'he' open: the nearest name, as before
        ("Hugh Hale asked Tom Kent about remarks he made when he called the mayor \u201ca disgrace.\u201d",
         [("a disgrace.", "Tom Kent", "partial")]),
    ],
)
def test_pronoun_bound_by_the_subject_above_it(text, expected):
    assert who(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # 'he added' after a person known by a description is that person, not the one the description names
        ("\u201cThe plan is sound,\u201d a spokesman for Mayor Bill Smith said. \u201cIt will pass,\u201d he added.",
         [("The plan is sound,", "a spokesman for Mayor Bill Smith", "direct"),
          ("It will pass,", "a spokesman for Mayor Bill Smith", "direct")]),
        ("\u201cHe is healthy,\u201d Gary Hale's doctor said. \u201cHe runs every day,\u201d he added.",
         [("He is healthy,", "Gary Hale's doctor", "direct"), ("He runs every day,", "Gary Hale's doctor", "direct")]),
        # the writer's 'I' (who asked) is no 'he', nor is an unresolved 'it' a 'they'
        ("When I asked Tom if he would run again, he laughed. \u201cWe will win,\u201d he said.",
         [("We will win,", "Tom", "direct")]),
        ("I asked him about the new budget plan. \u201cWe will win,\u201d he said.", [("We will win,", "he", "direct")]),
        # the name is the speaker's own: 'he' is that person
        ("\u201cThe plan is sound,\u201d Mayor Bill Smith said. \u201cIt will pass,\u201d he added.",
         [("The plan is sound,", "Bill Smith", "direct"), ("It will pass,", "Bill Smith", "direct")]),
    ],
)
def test_pronoun_after_a_description_or_the_writer(text, expected):
    assert who(text) == expected


def test_a_thing_described_is_no_he_over_the_person_it_names():
    """'Mr. Hale's tone' is credited with the notices' words but is no person: the next 'he' is Hale."""
    d = quotes.extract("Despite notices urging calm conduct, Mr. Hale's tone often seems to stir anger. "
                       "Last year, he suggested that the man deserved it.").to_dict()
    names = {s["id"]: s["name"] for s in d["speakers"]}
    assert [(q["text"], names[q["speaker"]["id"]]) for q in d["quotes"] if q["speaker"]["mention"]["text"] == "he"] == \
        [("the man deserved it", "Hale")]


def test_speech_with_no_one_to_credit_is_a_warning_not_a_quote():
    d = quotes.extract("Those services are available to \u201cany candidate who qualifies for them\u201d under the law.").to_dict()
    assert d["quotes"] == []
    assert [(w["code"], w["start"], w["end"]) for w in d["warnings"]] == [("unattributed-phrase", 33, 69)]


@pytest.mark.parametrize(
    "text, kind, mention",
    [
        # the attribution right after a direct quote, not the verb before it that the parser hangs it on
        ("Tom Kent defends his record in a new ad running on local TV: \u201cWe fixed the roads and we cut the taxes,\u201d "
         "the senator says to the camera.", "direct", "the senator"),
        # a speech verb right before the opening mark introduces the quote; the verb after it relays
        ("Asked about the ban, Tom Kent said: \u201cThere will always be exceptions,\u201d the Herald reported.", "direct",
         "Tom Kent"),
        # the person who reports another's speech told the writer the words in marks: the reporter speaks
        ("Rep. Ana Ruiz said Baker reassured them that the party was \u201cnot going to split.\u201d", "partial", "Rep. Ana Ruiz"),
        ("The senator said she rarely asks for help, \u201cexcept from people I trust.\u201d", "partial", "The senator"),
        # ... not an outlet that relays it, nor a report by a publication
        ("The Daily Planet reported that Tom Baker called the plan \u201ca disaster.\u201d", "partial", "Tom Baker"),
        ("Civic Watch reported that Tom Baker called the plan \u201ca disaster.\u201d", "partial", "Tom Baker"),
        ("Reuters said Tom Baker called the plan \u201ca disaster.\u201d", "partial", "Tom Baker"),
        # what someone cannot or did not say is no quote of theirs: the speaker above it speaks
        ("Tom Baker notes that free speech also comes with the limit that you can't yell \u201cfire\u201d in a theater.",
         "partial", "Tom Baker"),
        # ... and so does one news style uses for an unnamed person
        ("A source familiar with the inquiry said the servers that were hacked suggested the intruders wanted "
         "\u201ceconomic intelligence.\u201d", "partial", "A source familiar with the inquiry"),
        # a speech verb with no report above it keeps its own subject
        ("Ana Ruiz called the plan \u201ca disaster\u201d on Monday.", "partial", "Ana Ruiz"),
        # a date the parser hangs on the speaker's noun is not part of who speaks; a topic after 'on' is
        ("The Baker campaign on Monday said the numbers were \u201csimply wrong.\u201d", "partial", "The Baker campaign"),
        ("A state report on Wednesday said the bridge was \u201cin poor shape.\u201d", "partial", "A state report"),
        ("The council's top adviser on transport said the buses were \u201ctoo slow.\u201d", "partial",
         "The council's top adviser on transport"),
        # an inverted 'Said Ellis:' is Ellis speaking, but a given name that is also a verb form stays
        ("The code would be simpler. Said Ellis: \u201cIt will make the code more complicated.\u201d", "direct", "Ellis"),
        ("Said Jalili, the negotiator, said the talks were \u201cuseful.\u201d", "partial", "Said Jalili"),
    ],
)
def test_speaker_mention(text, kind, mention):
    d = quotes.extract(text).to_dict()
    assert [q["speaker"]["mention"]["text"] for q in d["quotes"] if q["kind"] == kind] == [mention]


@pytest.mark.parametrize(
    "words, expected",
    [
        (["''", "We", "won", ".", "''"], "We won"),  # NYT's two apostrophes open and close no reported words
        (["\u201c", "We", "won", "\u201d"], "We won"),
        (["the", "plan", "failed", ","], "the plan failed"),
        # a plain mark not tagged as opening closes an earlier quote: it stays, and keeps the span out later
        (["\"", "many", "agreed"], "\" many agreed"),
    ],
)
def test_reported_span_edges_leave_out_marks(words, expected):
    import spacy
    from spacy.tokens import Doc

    from quotes.attribute import _edges

    doc = Doc(spacy.blank("en").vocab, words=words)
    a, z = _edges(list(doc), 1)
    assert doc.text[a:z] == expected
