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
