"""Corpora to try the tool on: a small invented one that ships, and FA-KES from its public record.

* :func:`demo_corpus` — 36 short articles from three *invented* outlets
  (``state-wire``, ``opposition-voice``, ``world-wire``), written for this
  package from templates, with dates over six months of 2016. They use the
  wording each camp of the Syrian war is known for, so every chart of a report
  has something to show, offline and without any data file. They are not
  news: the places are real, the events are made up.
* :func:`fetch_fakes` — download the FA-KES corpus (804 articles from 15
  outlets on the Syrian war; Abu Salem et al., ICWSM 2019; CC BY 4.0) from its
  Zenodo record, doi:10.5281/zenodo.2607278, checking the file's MD5 against
  the one the record lists. This is the only function of the package that
  uses the network, and only when called (``framing download fakes``).

>>> arts = demo_corpus()
>>> len(arts), sorted({a.outlet for a in arts})
(36, ['opposition-voice', 'state-wire', 'world-wire'])
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .data import Article
from .errors import FramingError

__all__ = ["demo_corpus", "fetch_fakes", "FAKES_URL", "FAKES_MD5", "FAKES_FILE", "FAKES_FIELDS"]

FAKES_FILE = "FA-KES-Dataset.csv"
FAKES_URL = "https://zenodo.org/records/2607278/files/FA-KES-Dataset.csv?download=1"
"""The file on the FA-KES Zenodo record (doi:10.5281/zenodo.2607278)."""
FAKES_MD5 = "55d0ec452440a4ed46aac1e330b40e83"
"""The MD5 the Zenodo record lists for the file."""
FAKES_FIELDS = {"id": "unit_id", "title": "article_title", "text": "article_content",
                "outlet": "source", "date": "date"}
"""How the FA-KES CSV names its fields (pass as ``--id-field unit_id`` etc., or to
:class:`framing.Fields`)."""

_TOWNS = ["Aleppo", "Douma", "Idlib", "Hama", "Deir ez-Zor", "Daraa", "Homs", "Jobar",
          "Khan Shaykhun", "Latakia", "Raqqa", "Manbij"]

# sentence templates per invented outlet: {t} town, {u} another town, {n}/{m} numbers
_STATE = [
    "Syrian Arab Army units destroyed a hideout of terrorists near {t}, killing {n} of them, "
    "a military source told the agency.",
    "The army restored security and stability to several villages around {t} after "
    "clashes with Nusra terrorists.",
    "Terrorist groups fired rocket shells at residential neighborhoods in {u}, injuring "
    "{m} citizens, the police command said.",
    "The governor of {t} said: \"Our heroic army protects the citizens from the "
    "mercenaries.\"",
    "Engineering units dismantled explosive devices left by takfiri terrorists in {u}.",
    "Our Russian friends carried out precise strikes on terrorist positions near {t}, the "
    "Defense Ministry said.",
]
_OPPOSITION = [
    "Regime forces dropped barrel bombs on {t}, killing {n} civilians, activists said.",
    "The Assad regime and Iranian militias shelled residential areas of {u}, the Syrian "
    "Observatory for Human Rights reported.",
    "Revolutionaries repelled an attack by regime forces on the outskirts of {t}.",
    "A spokesman for the Syrian National Coalition said the regime was targeting "
    "hospitals and bakeries in {u}.",
    "Regime media claimed that the army had killed {n} terrorists near {t}.",
    "The White Helmets pulled {m} people from the rubble in {u}, the rescue group said.",
]
_WIRE = [
    "Government forces and rebels clashed near {t} on Tuesday, the Syrian Observatory for "
    "Human Rights said.",
    "Insurgents shelled {u}, state media reported, while activists said air strikes had "
    "hit rebel-held areas.",
    "The Syrian government said its forces had targeted militants near {t}.",
    "At least {n} people were killed in the fighting, according to the monitor.",
    "Islamic State militants attacked army positions east of {u}, a monitoring group said.",
    "Russian forces carried out air strikes near {t}, a war monitor reported.",
]
_TITLES = {
    "state-wire": "Army units restore security in {t}",
    "opposition-voice": "Regime bombardment kills civilians in {t}",
    "world-wire": "Fighting near {t}, monitor says",
}


def demo_corpus() -> list[Article]:
    """36 invented articles from three invented outlets, for trying the tool offline.

    Each outlet has 12 articles, two a month from January to June 2016, of
    four sentences each, built from templates in the wording its camp is known
    for: ``state-wire`` (pro-government: "terrorists", "Syrian Arab Army"),
    ``opposition-voice`` (pro-opposition: "regime", "revolutionaries") and
    ``world-wire`` (wire style: "government forces", "rebels", "insurgents").
    The events are made up; nothing here is copied from any corpus.

    Returns:
        A list of :class:`~framing.data.Article` with ``id``, ``title``,
        ``outlet``, ``date`` and ``text``; the same every time.
    """
    out = []
    for k, (outlet, sents) in enumerate((("state-wire", _STATE),
                                         ("opposition-voice", _OPPOSITION),
                                         ("world-wire", _WIRE))):
        for i in range(12):
            t, u = _TOWNS[(i + 3 * k) % len(_TOWNS)], _TOWNS[(i + 5 * k + 7) % len(_TOWNS)]
            n, m = 3 + (7 * i + k) % 23, 2 + (5 * i + 3 * k) % 17
            picked = [sents[(i + j) % len(sents)] for j in range(4)]
            text = " ".join(s.format(t=t, u=u, n=n, m=m) for s in picked)
            month, day = 1 + i // 2, 4 + 13 * (i % 2) + k
            out.append(Article(id=f"demo-{outlet}-{i + 1:02d}", text=text,
                               title=_TITLES[outlet].format(t=t), outlet=outlet,
                               date=f"2016-{month:02d}-{day:02d}"))
    return out


def fetch_fakes(dest=".", *, url: str = FAKES_URL, md5: str = FAKES_MD5,
                timeout: float = 60.0) -> Path:
    """Download FA-KES from its Zenodo record into ``dest/FA-KES-Dataset.csv``.

    The file is checked against the MD5 the record lists before it is kept
    (it is written to a temporary name first, so a failed download never
    leaves a partial file). An existing file with the right checksum is not
    downloaded again. Read it with the field names in :data:`FAKES_FIELDS`::

        framing compare DIR/FA-KES-Dataset.csv --id-field unit_id \\
            --title-field article_title --text-field article_content --outlet-field source

    Args:
        dest: folder to write to (created if missing).
        url: where to download from (default: the Zenodo record's file).
        md5: the expected checksum (hex).
        timeout: seconds to wait for the server.

    Returns:
        The path of the CSV file.

    Raises:
        FramingError: the download failed or the checksum does not match.
    """
    import urllib.error
    import urllib.request

    folder = Path(dest)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FAKES_FILE
    if path.exists() and _md5(path.read_bytes()) == md5:
        return path
    tmp = path.with_name(path.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 (https/file only)
            data = resp.read()
    except (urllib.error.URLError, OSError, ValueError) as e:
        reason = getattr(e, "reason", None) or e
        raise FramingError(
            f"cannot download FA-KES from {url}: {reason}; download {FAKES_FILE} by hand from "
            "https://doi.org/10.5281/zenodo.2607278 into "
            f"{folder}") from None
    got = _md5(data)
    if got != md5:
        raise FramingError(f"{url}: downloaded file has MD5 {got}, expected {md5} (the record "
                           "lists that one); not kept")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def _md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()
