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
