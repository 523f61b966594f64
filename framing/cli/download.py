"""``framing download``: public corpora (the only command that uses the network)."""

from __future__ import annotations

import sys

from ..datasets import FAKES_FIELDS, fetch_fakes
from .options import command
from .run import EXIT_OK


DOWNLOAD_HELP = "download a public corpus (needs the network)"


def add_download(sub) -> None:
    dl = command(sub, "download", DOWNLOAD_HELP,
                 "framing download fakes -o data/")
    dsub = dl.add_subparsers(dest="download_command", metavar="CORPUS", required=True)
    df = command(dsub, "fakes", "FA-KES (804 articles, 15 outlets, Syrian war; CC BY 4.0) from Zenodo",
                 "framing download fakes -o data/",
                 description="Download FA-KES-Dataset.csv from its Zenodo record "
                             "(doi:10.5281/zenodo.2607278), check its MD5 against the record's, and "
                             "print the command that reads it.")
    df.add_argument("-o", "--output", default=".", metavar="DIR",
                    help="folder to write FA-KES-Dataset.csv into (default: here)")
    df.set_defaults(func=cmd_download_fakes)


def cmd_download_fakes(args) -> int:
    path = fetch_fakes(args.output)
    opts = " ".join(f"--{k}-field {v}" for k, v in FAKES_FIELDS.items() if k != v)
    print(f"wrote {path}\nread it with: framing report {path} {opts} -o reports/fakes",
          file=sys.stderr)
    return EXIT_OK
