"""framing.sentiment gives TextBlob's PatternAnalyzer scores without importing NLTK."""

import subprocess
import sys

import pytest

from framing.sentiment import pattern_sentiment

SENTENCES = [
    "Regime forces shelled rebel-held areas near the town, activists said.",
    "The brutal and barbaric attack killed dozens of innocent civilians.",
    "The army made remarkable progress and restored security to the liberated villages.",
    "Officials did not say whether the talks would resume next week.",
    "It was not a terrible outcome, but hardly a good one either.",
    "The ceasefire is very fragile and extremely unlikely to hold.",
    "",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_scores_equal_textblob_pattern_analyzer(text):
    from textblob.sentiments import PatternAnalyzer

    assert pattern_sentiment(text) == tuple(PatternAnalyzer().analyze(text))


def test_negative_words_give_negative_polarity():
    pol, subj = pattern_sentiment("The brutal and barbaric attack killed dozens of innocent civilians.")
    assert pol < 0 and subj > 0.5


def test_analysis_does_not_import_nltk():
    code = ("import sys, framing; a = framing.analyze('The brutal attack killed dozens of "
            "innocent civilians. The army shelled the town again on Monday.'); "
            "assert a.polarity is not None; print('nltk' in sys.modules, 'scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


TOKENIZER_CASES = [
    "Great news :) for the U.S. delegation, Sen. Smith's aides said.\n\nThey weren't sure (!) it'd hold...",
    "A bad day : ( and worse : - ( — \"Really?!\" he asked. 'No.' ‘Yes’ “maybe” (sic).",
    "xD he wrote; X D, 8 ), < 3 and o . O are faces only when their characters meet.",
    "Mr. T. De Smedt left at 3 p.m. etc. Then... nothing!?! ( ! ) \r\n\r\nEnd",
    "",
]


@pytest.mark.parametrize("text", TOKENIZER_CASES)
def test_the_fast_tokenizer_gives_patterns_sentences(text):
    from textblob import _text

    from framing.sentiment import _fast_find_tokens

    expected = _text.find_tokens(text, punctuation=_text.PUNCTUATION, abbreviations=_text.ABBREVIATIONS,
                                 replace=_text.replacements, linebreak=r"\n{2,}")
    assert _fast_find_tokens(_text)(text) == expected
