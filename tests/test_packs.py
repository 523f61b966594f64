"""The conflict packs and the short-text checks, on sentences written for these tests.

Each case is a headline or sentence in the style of one side's media (or of
the wires), written for this file; the expected labels and signs come from the
packs' documented choices (lexicons/README.md, "The conflict packs").
"""

from __future__ import annotations

import pytest

import framing
from framing.analyze import language_note

# -- short texts: headlines are English too ---------------------------------------------

SHORT_ENGLISH = [
    # headline + subheading, Ukrainian place names, almost no function words
    "Russian drones hit Kharkiv, Zaporizhzhia, Dnipro overnight; Kherson, Nikopol shelled; "
    "Ukrainian air defence downs 38 Shaheds over Kyiv, Sumy, Poltava regions",
    "Zelensky meets Rutte, Frederiksen, Tusk; Kyiv seeks Patriot systems, long-range missiles "
    "amid Russian offensive near Pokrovsk, Kupiansk, Vovchansk, Chasiv Yar",
    # a post with a link and hashtags
    "Hamas hostage deal: 53 captives released in first phase, 20 more to follow "
    "https://example.org/a/b-c:=:https://example.org/article/x #Gaza #IsraelHamasWar #Hostages",
]

SHORT_OTHER = [
    "Le génocide continue, l'aviation bombarde un hôpital à Gaza et fait plus de 500 victimes "
    "parmi les civils #Gaza",
    "Die Armee hat in der Nacht die Stadt bombardiert, und die Regierung ist nicht bereit zu verhandeln.",
    "El ejército bombardeó la ciudad durante la noche y el gobierno dijo que no habrá tregua con los rebeldes.",
    "Украинские войска отошли от Авдеевки",
    "כוחות צה\"ל פועלים ברצועת עזה #עזה https://example.org/x",
]


@pytest.mark.parametrize("text", SHORT_ENGLISH)
def test_short_english_is_not_rejected(text):
    assert language_note(text) is None
    assert framing.analyze(text, ["conflict-russia-ukraine", "conflict-israel-palestine"]).notes == ()


@pytest.mark.parametrize("text", SHORT_OTHER)
def test_short_text_in_another_language_still_gets_the_note(text):
    assert language_note(text).startswith("unsupported language")


def test_links_and_hashtags_do_not_make_a_post_english():
    # Hindi with English hashtags: the hashtags are not counted as Latin letters
    hindi = "गाजा में हमास के ठिकानों पर भीषण हमला #IsraelHamasWar #Gaza #WorldNews #Breaking"
    assert language_note(hindi).startswith("unsupported language")


# -- the conflict packs: headlines written in each side's style --------------------------

def _lean(text, pack):
    return framing.analyze(text, [pack], sentiment=False).leans[pack]


def _labels(text, pack):
    return [(h.text, h.label, h.echoes) for h in framing.analyze(text, [pack]).terms if h.lexicon == pack]


IP = "conflict-israel-palestine"
RU = "conflict-russia-ukraine"


@pytest.mark.parametrize("text, sign", [
    # Israeli-side headlines
    ("IDF strikes Hamas terror targets in Gaza after rocket fire on the Gaza envelope", -1),
    ("Families of the abductees rally in Tel Aviv as Hamas terrorists hold 130 kidnapped Israelis", -1),
    ("Sergeant from Jerusalem fell in battle in northern Gaza, of blessed memory", -1),
    # Palestinian- and Arab-side headlines
    ("Israel's war on Gaza live: occupation forces storm Jenin refugee camp", 1),
    ("Illegal settlers attack Palestinian village as besieged Gaza mourns its martyrs", 1),
    ("Israeli massacre in Jabalia kills 40 as the genocidal war enters its 200th day", 1),
    # wire-style headlines
    ("Israeli strikes kill 20 in Gaza as Israel-Hamas war talks resume", 0),
    ("Israeli military says it struck militants in the occupied West Bank", 0),
])
def test_israel_palestine_headlines_lean_their_side(text, sign):
    lean = _lean(text, IP)
    assert lean is not None
    assert (lean > 0) - (lean < 0) == sign, _labels(text, IP)


def test_war_on_gaza_is_a_name_of_the_war_not_aggression():
    (hit,) = [h for h in framing.analyze("Israel's war on Gaza enters its sixth month", [IP]).terms]
    assert (hit.referent, hit.label, hit.connotation, hit.echoes) == (
        "the-conflict", "war on Gaza", -1, "pro-Palestinian")
    # the wires' names are neutral, AP's "war against Hamas" included
    for name in ("the Israel-Hamas war", "the war in Gaza", "Israel's war against Hamas"):
        assert [h.echoes for h in framing.analyze(f"Talks on {name} stalled.", [IP]).terms
                if h.referent == "the-conflict"] == ["neutral"]


def test_kidnapping_of_palestinians_is_not_counted_as_israeli_abductees():
    got = _labels("Israeli forces kidnapped three Palestinians in Hebron at dawn", IP)
    assert ("Israeli forces kidnapped", "abducted Palestinians", "pro-Palestinian") in got
    assert not [g for g in got if g[1] == "abductees"]


@pytest.mark.parametrize("text, sign", [
    # Russian state media
    ("Russian troops liberate Ugledar in DPR, Defense Ministry says", -1),
    ("Battlegroup Tsentr repels three counterattacks as Kiev loses up to 425 servicemen", -1),
    ("Air defenses foil Kiev regime's attempted terrorist attack on Crimea", -1),
    # Ukrainian media
    ("Occupiers shelled Kherson 40 times; Defense Forces destroy 1,060 invaders", 1),
    ("Russian invaders hit Kharkiv with glide bombs, temporarily occupied Melitopol without power", 1),
    # wires
    ("Russian drone attack on Kyiv kills two, Ukrainian officials say", 0),
    ("Russian forces captured the village near Pokrovsk, the Defence Ministry said", 0),
])
def test_russia_ukraine_headlines_lean_their_side(text, sign):
    lean = _lean(text, RU)
    assert lean is not None
    assert (lean > 0) - (lean < 0) == sign, _labels(text, RU)


def test_air_defence_forces_are_not_ukraines_defence_forces():
    got = _labels("Russian air defense forces destroyed 20 Ukrainian drones over Bryansk.", RU)
    assert not [g for g in got if g[1] == "Defence Forces"]


def test_liberated_alone_is_nobodys_word():
    # Ukraine says it of the land it retakes, Russia of the land it takes
    assert _labels("The liberated areas have no power.", RU) == []
    assert [g[2] for g in _labels("Ukrainian forces liberated the town.", RU)] == ["pro-Ukraine"]


def test_per_article_cap_is_opt_in():
    from framing.analyze import lean_parts

    text = "IDF troops entered Gaza. The IDF said. The IDF added. The IDF confirmed. Hamas fighters fled."
    hits = [h for h in framing.analyze(text, [IP]).terms]
    poles = ("pro-Israel", "pro-Palestinian")
    full, capped = lean_parts(hits, poles), lean_parts(hits, poles, max_per_label=1)
    assert full[0] / full[1] < capped[0] / capped[1] < 0  # the repeated marker counts once


# -- compare says how many articles had no lean ------------------------------------------

def test_compare_counts_articles_without_a_lean():
    from framing.compare import compare

    arts = [framing.Article(id="1", outlet="A", text="Occupiers shelled Kherson overnight."),
            framing.Article(id="2", outlet="A", text="Heavy rain closed roads on Tuesday."),
            framing.Article(id="3", outlet="B", text="Russian troops liberate Ugledar in DPR.")]
    df = compare(framing.analyze_many(arts, [RU]), intervals=False).set_index("outlet")
    assert df.loc["A", "n_articles"] == 2 and df.loc["A", "n_no_lean"] == 1
    assert df.loc["B", "n_no_lean"] == 0


# -- the hand-checked hits are still produced -------------------------------------------

def test_hand_checked_israel_palestine_hits_are_still_found():
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    data = root.parent / "shared" / "data" / "fignews" / "all.jsonl"
    if not data.exists():
        pytest.skip("needs ../shared/data/fignews/all.jsonl (FIGNEWS)")
    rows = [json.loads(line) for line in (root / "eval" / "conflict-israel-palestine-precision.jsonl").open()]
    assert all(set(r) <= {"round", "seed", "n", "id", "start", "end", "referent", "label", "voice", "verdict", "why"}
               for r in rows)  # ids and offsets only: no text
    last = [r for r in rows if r["round"] == max(x["round"] for x in rows) and r["verdict"] == "correct"]
    texts = {}
    for line in data.open(encoding="utf-8"):
        r = json.loads(line)
        texts[r["id"]] = r["text"]
    lx = framing.load_lexicon(IP)
    missing = []
    for r in last:
        found = {(h.start, h.end, h.referent, h.label) for h in framing.analyze(texts[r["id"]], [lx]).terms}
        if (r["start"], r["end"], r["referent"], r["label"]) not in found:
            missing.append(r)
    assert not missing, missing[:3]
