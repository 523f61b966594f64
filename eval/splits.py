"""Fixed held-out splits of the visible evaluation data, the same for every script and test.

A record is held out when the SHA-256 of ``SALT + ":" + id`` read as an integer
is divisible by 5, so about 20% of any corpus is held out, independently of
record order, file version or the other records.  Held-out records are never
used for choices (features, thresholds, rules, hyperparameters); they are
scored once a design is fixed, next to the cross-validated figure on the rest.

    >>> [is_held_out(str(i)) for i in range(8)]
    [True, False, False, False, False, False, True, False]
    >>> len(split([{"id": str(i)} for i in range(1000)])[1])
    224
"""

from __future__ import annotations

import hashlib

SALT = "framing-held-out-v1"


def is_held_out(record_id: str, salt: str = SALT) -> bool:
    """True when the record with this id belongs to the fixed held-out 20%."""
    digest = hashlib.sha256(f"{salt}:{record_id}".encode("utf-8")).hexdigest()
    return int(digest, 16) % 5 == 0


def split(records, key: str = "id", salt: str = SALT):
    """(development, held-out) lists of the records, by :func:`is_held_out` of ``record[key]``."""
    dev, held = [], []
    for r in records:
        (held if is_held_out(str(r[key]), salt) else dev).append(r)
    return dev, held
