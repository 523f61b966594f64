"""The figures the documentation claims, in one place, with the tolerance each band allows.

Each claim names the file and the passage that states it (a table row, or a phrase of a
paragraph); ``tests/test_claims.py`` checks that the figure is printed there, and — when
the evaluation corpora are present (``../shared/data``) — re-runs the evaluation and fails
when the figure falls more than ``tolerance`` short of the claim (or, for a position or a
count, moves more than ``tolerance`` either way).

When a change moves a figure on purpose, change the documentation and the value here in
the same commit (the test of the wording fails until both agree).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Claim:
    value: float
    tolerance: float
    file: str          # relative to the repository root
    anchor: str        # a table row's start ("| ...") or a phrase of the paragraph stating it
    text: str          # the figure exactly as printed there
    direction: str = "min"   # "min": may not fall below value - tolerance; "both": nor rise above

    def holds(self, measured: float) -> bool:
        low = self.value - self.tolerance
        high = self.value + self.tolerance if self.direction == "both" else float("inf")
        return low - 1e-9 <= measured <= high + 1e-9

    def describe(self, name: str, measured: float) -> str:
        band = (f"{self.value} ± {self.tolerance}" if self.direction == "both"
                else f">= {self.value} - {self.tolerance}")
        return (f"{name}: measured {measured:.4f}, claimed {self.text!r} in {self.file} "
                f"(band {band}); if the change is meant, update the documentation and "
                f"tests/claims.py together")


POLNEAR_ROW = "| **framing** (rules + learned stage, default) |"
RULES_ROW = "| framing, rules alone (`--model none`) |"

CLAIMS: dict[str, Claim] = {
    # PolNeAR dev, `framing evaluate attribution ../shared/data/polnear/dev.jsonl`
    "polnear dev cue F1": Claim(0.764, 0.01, "README.md", POLNEAR_ROW, "**0.764**"),
    "polnear dev end-to-end F1": Claim(0.723, 0.01, "README.md", POLNEAR_ROW, "**0.723**"),
    "polnear dev content token F1": Claim(0.853, 0.01, "README.md", POLNEAR_ROW, "**0.853**"),
    "polnear dev cue F1, rules alone": Claim(0.545, 0.01, "README.md", RULES_ROW, "0.545"),
    # FA-KES dev, conflict-syria lean (lexicons/README.md, "Why neutral labels matter")
    "fakes dev Reuters lean": Claim(0.00, 0.03, "lexicons/README.md", "Reuters leans about",
                                    "0.00", "both"),
    "fakes dev camp separation": Claim(0.68, 0.05, "lexicons/README.md", "a separation of",
                                       "a separation of 0.68"),
    # FA-KES dev, `framing lexicon stats conflict-syria ../shared/data/fakes/dev.jsonl`
    "fakes dev conflict-syria hits": Claim(7864, 160, "lexicons/README.md", "never fire",
                                          "7,864 hits", "both"),
    "fakes dev conflict-syria labels never firing": Claim(16, 2, "lexicons/README.md",
                                                         "never fire", "16 of its 114 labels",
                                                         "both"),
    # BASIL dev, `python eval/basil_events.py` (defaults: threshold 0.2, 3-day window)
    "basil dev event pairing precision": Claim(1.000, 0.02, "README.md", "eval/basil_events.py",
                                               "precision 1.000"),
    "basil dev event pairing recall": Claim(0.920, 0.03, "README.md", "eval/basil_events.py",
                                            "recall 0.920"),
    # the source-profile test set (tests/data/source_profiles.md), `bench/source_profiles.py`
    "source profiles found": Claim(69, 1, "README.md", "are found as sources", "69 of the 74"),
    "source profiles type": Claim(0.87, 0.02, "README.md", "are found as sources", "type is right for 0.87"),
    "source profiles side": Claim(0.84, 0.02, "README.md", "are found as sources", "the side for 0.84"),
    "source profiles named": Claim(0.97, 0.02, "README.md", "are found as sources", "anonymous for 0.97"),
    "source profiles all three": Claim(0.75, 0.02, "README.md", "are found as sources", "all three for 0.75"),
    # BABE, fixed held-out 20% of the visible data (eval/splits.py), `python eval/babe_heldout.py`
    "babe held-out macro-F1, default": Claim(0.785, 0.02, "README.md", "| held out: default (`framing train`) |",
                                             "0.785"),
}

# FA-KES outlets by who owns or funds them, fixed before any lean was read: state media of the
# Syrian government and of its allies (Iran, Hezbollah, Russia), and outlets of the opposition
# and of the states that backed it (Turkey, Saudi Arabia, Qatar). Reuters is the wire; Al-Ahram,
# the Jordan Times and Lebanon's NNA belong to neither camp.
GOVERNMENT_CAMP = ("sana", "manar", "alalam", "sputnik", "tass")
OPPOSITION_CAMP = ("etilaf", "alaraby", "dailysabah", "trt", "arabiya", "asharqalawsat")
