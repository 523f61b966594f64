"""The word lists the attribution stages read, as data, and four small tests on a word.

Every list is defined once here; the stages import them by name. Lists are
lower-case (compare with :func:`lw`). They are English newsroom vocabulary, not
one corpus's: cue verbs of speech and writing, the nouns a source phrase can end
in (roles, institutions, media), the words that modify them, and the function
words that end a noun phrase.
"""

from __future__ import annotations


def _words(s: str) -> frozenset:
    return frozenset(s.split())


# -- cue verbs (lemma -> forms), by stance -----------------------------------

NEUTRAL_VERBS = {
    "say": "say says said saying",
    "tell": "tells told telling",
    "add": "adds added adding",
    "report": "reports reported reporting",
    "state": "stated",
    "announce": "announces announced announcing",
    "note": "noted noting",
    "explain": "explains explained explaining",
    "write": "writes wrote writing",
    "stress": "stresses stressed stressing",
    "emphasise": "emphasised emphasized emphasises emphasizes emphasising emphasizing",
    "reply": "replied",
    "tweet": "tweeted",
    "comment": "commented",
    "mention": "mentioned",
    "indicate": "indicated",
    "quote": "quoted",
}
"""Verbs that only report: their forms, by lemma."""

EVALUATIVE_VERBS = {
    "claim": "claim claims claimed claiming",
    "allege": "alleges alleged alleging",
    "insist": "insists insisted insisting",
    "maintain": "maintains maintained",
    "assert": "asserts asserted asserting",
    "argue": "argues argued arguing",
    "admit": "admits admitted admitting",
    "concede": "concedes conceded conceding",
    "acknowledge": "acknowledges acknowledged acknowledging",
    "confess": "confesses confessed confessing",
    "confirm": "confirms confirmed confirming",
    "reveal": "reveals revealed revealing",
    "boast": "boasts boasted boasting",
    "deny": "denies denied denying",
    "warn": "warns warned warning",
    "complain": "complains complained complaining",
    "vow": "vows vowed vowing",
    "threaten": "threatened",
}
"""Verbs that carry the writer's judgement of the claim or the speaker: their forms, by lemma."""

EVALUATIVE_EXTRA = _words("""
accuse accuses accused accusing slam slams slammed slamming blast blasts blasted blasting attack
attacks attacked attacking criticize criticizes criticized criticizing criticise criticises
criticised criticising mock mocks mocked mocking tout touts touted touting brag brags bragged
bragging lament laments lamented lamenting blame blames blamed blaming condemn condemns condemned
condemning denounce denounces denounced denouncing ridicule ridiculed ridiculing decry decried
praise praises praised praising scoff scoffed lash lashed rail railed dismiss dismisses dismissed
dismissing rant ranted concede concedes insist insists
""")
"""Cue words outside the rules' verbs that characterise the speaker's act (the learned stage finds them)."""

AUX_CUE = _words("""
has have had is are was were be been being will would could should can may might must do does did
also not never n't still already
""")
"""Words before a cue word that belong to the cue phrase ("has said", "is expected")."""

BARE_OK = {"say", "tell", "add", "write"}
"""Lemmas whose content may follow without "that" whatever it looks like."""
NOUN_FORMS = {"claim", "claims", "reports", "notes"}
"""Cue forms that are also nouns ("medical claims", "media reports")."""
NOT_CONTENT = {"it", "so", "this", "nothing", "something", "anything", "much", "little", "goodbye",
               "yes", "no", "hello", "thanks", "more", "less", "otherwise", "sorry", "what"}
"""First words of a bare complement that is no reported clause ("said it over and over")."""
ADDRESSEE_LEMMAS = {"tell", "warn"}
"""Lemmas that may take an addressee before the content ("warned Russia that")."""
NON_SPEECH = {
    "claim": ("lives", "the lives", "the life", "life"),
    "deny": ("access", "entry", "permission", "passage", "bail", "visa"),
}
"""Objects with which a cue verb means something else than speech ("the attack claimed the
lives of ...", "they denied access to ...")."""

# -- cue classes (lemmas and irregular forms; see cues.cue_class) ----------------

WRITING_CUES = _words("""
write wrote written writing post tweet retweet publish email e-mail text blog report statement
letter memo op-ed column filing sign read
""")
"""Cue words of writing: the words were written, posted or published ("wrote", "tweeted",
"reported", "in a statement")."""

BELIEF_CUES = _words("""
believe belief think thought feel felt want hope hopeful fear feared worry worried worries concern
concerned expect know knew known understand understood realize realise convinced confident doubt
suspect assume assumption consider regard view wonder wondered skeptical sceptical optimistic aware
unaware sure glad happy proud disappointed surprised shocked upset angered alarmed outraged thrilled
eager keen willing reluctant reluctance wary agree disagree prefer favor favour support supportive
oppose opposition like dislike enjoy mind imagine envision foresee sense interested interest desire
confidence enamored opinion sentiment stance inclined mean meant intend intended plan planned aim
goal seek sought determined recognize recognise
""")
"""Cue words of a belief, wish or intention: nothing was said ("believes", "wants", "is expected")."""

EVIDENCE_CUES = _words("""
find found discover show shown demonstrate document estimate estimates forecast project projected
""")
"""Cue words of evidence: a finding, not a speech act ("found", "shows", "estimated")."""

EVIDENCE_NOUNS = _words("""
data figure figures statistic statistics number numbers study studies survey surveys poll polls
research analysis analyses estimate estimates census record records result results finding findings
tally count document documents model models evidence investigation review audit
footage video images photos satellite
""")
"""Sources that are evidence, not speakers ("according to data", "the study suggests")."""

EVIDENCE_OR_SPEECH = _words("""
suggest indicate reveal confirm conclude predict cite accord
""")
"""Cue words that are evidence when their source is (:data:`EVIDENCE_NOUNS`), else speech."""

PERCEPTION_CUES = _words("""
see saw seen hear heard watch notice witness look
""")
"""Cue words of perception ("saw", "heard")."""

OTHER_CUES = _words("""
name dub dubbed label titled bill billed so-called self-described refuse refusal decline
decide decision vote rule order approve pass passed appoint nominate hire fire sue attempt try tried
back backing begin began go went take took make made put give gave have has did
do doesn't didn't wouldn't turn turned stand stood follow involve include hit shot strike struck run
ran lead led draw drew cast launch unveil release issue sentence target capture sided side play
footage seem appear clear unclear learn continue
""")
"""Cue words the learned stage may propose that report no words at all ("known as",
"refused to", "backed"): class ``other``."""

SPEECH_CUES = _words("""
say said tell told add report state announce announcement note explain stress emphasise emphasize
reply comment mention quote claim allege insist maintain assert argue argument admit admission
concede acknowledge confess confirm reveal boast deny denial warn warning complain complaint vow
threaten accuse accusation slam blast attack criticize criticise criticism mock tout brag lament
blame condemn denounce ridicule decry praise scoff lash rail dismiss rant ask answer respond
response retort call urge plead pledge promise propose proposal offer describe discuss speak spoke
spoken talk testify thank joke shout yell chant cry declare proclaim pronounce remark remarks
comments reiterate repeat recall recount refer reference reaffirm underscore highlight point outline
detail elaborate clarify interject invoke hail welcome congratulate celebrate applaud cheer defend
challenge question dispute contradict reject rebuke rebut counter chide deride lambast assail
insult jab echo voice express opine muse utter whisper hint imply caution advise advocate demand
request pressed press persuade encourage endorse endorsement recommend compare liken
portray paint characterize characterise dismiss downplay brush rattle sound speculate speculation
interview speech press-conference briefing disclose debate observe
""")
"""Cue words of speech (the rules' verbs and the learned stage's speech acts)."""

# -- noun phrases ------------------------------------------------------------

DETS = _words(
    "the a an this that these those its his her their our your some several many two three "
    "four five six seven eight nine ten dozens hundreds one both other another most all")
INDEF = _words("a an some several many two three four five six seven eight nine ten one other "
               "another dozens hundreds")
"""Determiners of an indefinite description ("a source", "some officials"): no name."""

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
"""The personal subject pronouns (the learned stage's features mark all of them)."""
SPEAKER_PRONOUNS = PRONOUNS - {"you"}
"""The pronouns the rules take as a speaker: not ``you``, which in news is the reader or the
interviewer ("as you say", "you know")."""
OBJ_PRONOUNS = _words("him her them us me you")

ROLE_NOUNS = _words("""
source sources official officials spokesman spokeswoman spokesperson spokesmen spokespeople
minister ministers ministry ministries government governments authorities authority president
presidency administration army armies military troops forces force soldier soldiers commander
commanders officer officers general generals lieutenant colonel captain sergeant brigadier fighter
fighters rebels rebel insurgents insurgent militants militant jihadists jihadist opposition coalition
negotiators negotiator delegation committee council monitor monitors observatory group groups
activist activists residents resident witnesses witness workers worker doctors doctor medics medic
media television tv channel agency agencies newspaper daily radio website outlet outlets reporter
reporters correspondent correspondents journalist journalists analyst analysts expert experts
diplomat diplomats envoy ambassador embassy statement report reports police leader leaders chief
head director campaign aide aides adviser advisers advisor advisors regime faction factions brigade
brigades battalion militia militias movement party parties organisation organization organisations
organizations office navy command headquarters staff team members member observers inspectors
investigators prosecutors prosecutor lawyer lawyers senator senators lawmaker lawmakers candidate
nominee supporters critics poll polls survey study data figures statistics records documents
sheikh cleric imam mufti mayor governor premier chancellor king prince secretary
agency's network committees spokesperson's researchers scientists economist economists voters
officials' chairman chairwoman
""")
"""Head nouns a source phrase can end in."""

MODIFIERS = _words("""
military state war security government regime opposition rebel local senior top high-ranking
foreign defence defense interior health medical diplomatic informed unnamed anonymous western arab
kurdish islamist jihadist armed civil civilian human rights news press field monitoring
intelligence police army presidential official private public independent international relief aid
rescue humanitarian ministry british-based britain-based london-based us-based ruling federal
national regional provincial municipal tribal religious opposition-run state-run state-owned
government-run opposition-held government-held loyalist turkish-backed russian-backed us-backed
iranian-backed rebel-held activist activists campaign white house republican democratic
sources source military-run special deputy former acting chief assistant executive
vice interim regime's party's
""")
"""Words that modify a source noun ("military", "state", "war", "pro-government")."""
NOUNISH = ROLE_NOUNS | MODIFIERS

DEMONYMS = _words("""
syrian russian turkish iranian iraqi israeli lebanese jordanian saudi qatari emirati american
british french german chinese kurdish arab european egyptian western kuwaiti bahraini omani
yemeni libyan palestinian afghan pakistani indian italian spanish dutch belgian swiss austrian
canadian australian japanese korean ukrainian democratic republican conservative liberal
""")

CAP_STOP = _words("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tonight earlier later meanwhile
however but and also in on at after before when while although though since during as if so yet
then there here this that these those what which who whom whose where why how it is was were
are has have had will would could should can may might must do does did not no
week weekend month year day night morning afternoon evening time having let's let
""") - {"may", "march"}
"""Capitalised words that do not start or continue a source noun phrase."""

NAME_LINK = _words("of for de al bin ibn el du la le von van the and")
"""Words that join the parts of one name ("Army of Dignity", "Rami Abdel Rahman al-...")."""

AUX = _words("""
has have had also later earlier previously further again then repeatedly recently separately
publicly privately reportedly already once still just now initially first originally
has also have also had also would will could might may can did does do
""")
"""Auxiliaries and adverbs between a source and its cue ("He also said", "has repeatedly said")."""

PREPS = _words("""
in on at by for from with of to about into onto over under after before during without within
through across against among amid around near toward towards upon via per since until
""")
CLAUSE_WORDS = PREPS | _words("""
that which who whom whose what when where while if because although though as than and but or nor
is are was were be been being had has have will would could should can may might must do does did
not no to
""")
FINITE = _words("""
is are was were had has have will would could should can may might must did does do shall
isn't aren't wasn't weren't hadn't hasn't haven't won't wouldn't couldn't shouldn't can't didn't
doesn't don't
""")
NP_PREPS = _words("of for at from with in")
"""Prepositions inside a source phrase ("the head of the Observatory", "spokesman for Hezbollah")."""
CLAUSE_PUNCT = {",", ";", ":", "(", "—", "–", "-", "--"}

AUDIENCE = _words("""
news agency television tv newspaper daily channel radio website reporters journalists correspondents
press conference briefing state media broadcaster station audience crowd supporters parliament
lawmakers delegates reporter journalist interviewer outlet magazine weekly network service
""")
"""Words of an addressee after "told" ("told the state news agency", "told reporters")."""

# -- what a source phrase is (for profiles and pronouns) -----------------------

ORG_HEADS = _words("""
group groups agency ministry organisation organization network channel newspaper daily monitor
television tv radio website council committee coalition movement party observatory office outlet
brigade battalion faction broadcaster station
""")
ORG_WORDS = ORG_HEADS | _words("""
army military ministry government administration campaign media department court company firm bank
university poll survey report study times post journal house center centre foundation institute
commission authority presidency embassy kremlin pentagon congress senate parliament regime command
""")
GROUP_WORDS = _words("people police democrats republicans americans conservatives liberals voters media staff")
PERSON_WORDS = _words("""
spokesman spokeswoman spokesperson minister official source commander officer general colonel
lieutenant activist director head chief president senator lawmaker leader aide adviser advisor analyst
expert diplomat envoy ambassador governor mayor secretary chairman chairwoman candidate nominee
reporter correspondent journalist doctor resident witness member fighter soldier prosecutor lawyer
judge economist pollster strategist man woman mother father son daughter wife husband
""")

# -- the learned stage --------------------------------------------------------

QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "„", "«", "»"})
"""Tokens that are quotation marks."""
SENT_STOPS = frozenset({".", "!", "?", ";"})
NEVER_SOURCE = _words("""
the a an of to in on at by for from with and or but as if than then so not no that this these those
is are was were be been being has have had will would could should can may might must do does did
""")
"""Words the source ranker never chooses (it picks a word of the source phrase, then expands it)."""
BREAK_WORDS = _words("""
and but or nor while whereas when whenever because after before as during since although though if
unless until which who whom whose where so even with without in on at for by to from about over
under into against amid among through than then including like despite following ahead
""")
"""Words before which a content may end (the content-end model's candidates)."""
BREAK_PUNCT = frozenset({",", ";", ":", "—", "–", "--", "(", "―"})


# -- tests on one word ----------------------------------------------------------

def lw(w: str) -> str:
    """The word lower-cased, with a typographic apostrophe made straight.

    >>> lw("Officials’")
    "officials'"
    """
    return w.lower().replace("’", "'")


def is_cap(w: str) -> bool:
    """A capitalised word (or a digit-letter mix like ``9/11`` or ``F-16``, or ``al-Assad``).

    >>> is_cap("Assad"), is_cap("al-Assad"), is_cap("rebels"), is_cap("2nd")
    (True, True, False, True)
    """
    if not w:
        return False
    if w[0].isupper() or w[0].isdigit() and any(c.isalpha() for c in w):
        return True
    # al-Assad, pro-Damascus: a capital after a hyphen
    return "-" in w and any(c.isupper() for c in w.split("-", 1)[1][:1])


def is_word(w: str) -> bool:
    """A token that is a word, not punctuation."""
    return bool(w) and (w[0].isalnum() or w[0] == "_")


def hyphen_mod(w: str) -> bool:
    """A hyphenated modifier of a source ("pro-government", "Britain-based", "Iranian-backed").

    >>> hyphen_mod("Britain-based"), hyphen_mod("well-known")
    (True, False)
    """
    w = lw(w)
    return "-" in w and (w.startswith(("pro-", "anti-", "non-", "ex-", "former-"))
                         or w.endswith(("-based", "-backed", "-led", "-run", "-owned", "-linked",
                                        "-affiliated", "-allied", "-held", "-controlled",
                                        "-funded", "-aligned", "-ranking", "-level")))


class _Shapes(dict):
    """The shape of a word by its first character (``C`` upper case, ``D`` digit, ``l`` other
    letter, ``p`` anything else), each character worked out once."""

    def __missing__(self, c: str) -> str:
        s = self[c] = "C" if c.isupper() else "D" if c.isdigit() else "l" if c.isalpha() else "p"
        return s


SHAPES = _Shapes()
"""``SHAPES[word[0]]``: the word's shape, as the learned stage's features spell it."""

