"""``framing report``: the HTML report."""

from __future__ import annotations

import sys

from ..errors import printable
from .options import add_corpus, add_loaded, add_model, add_quotes, command
from .run import Errors, analyses


REPORT_HELP = "write a self-contained HTML report (DIR/index.html)"


def add_report(sub) -> None:
    r = command(sub, "report", REPORT_HELP,
                "framing report seeds/ --by outlet -o reports/seed",
                description="Write DIR/index.html (summary, charts, notes, provenance), "
                            "DIR/articles/NNNN.html (one page per article, terms and "
                            "attributions highlighted) and DIR/tables/*.csv.")
    add_corpus(r)
    r.add_argument("--by", default="outlet", metavar="FIELD", help="group by this field (default: outlet)")
    r.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write index.html into")
    r.add_argument("--force", action="store_true",
                   help="write into DIR even if it holds files that are not an earlier report "
                        "(its index.html and articles/NNNN.html are replaced); without it such a "
                        "folder is refused. A report's folder is never read as input.")
    r.add_argument("--pdf", action="store_true",
                   help="also write DIR/report.pdf: summary, charts and profile table (matplotlib)")
    r.add_argument("--max-articles", type=int, default=None, metavar="N",
                   help="write article pages for at most N articles per group (default: all)")
    add_quotes(r)
    add_loaded(r)
    add_model(r, " in tables/articles.csv")
    r.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    from ..report import write_report

    errors = Errors(args.strict)
    lexs, stream = analyses(args, errors)   # with the progress bar
    path = write_report(stream, args.output, by=args.by, lexicons=lexs, pdf=args.pdf,
                        max_articles=args.max_articles, model=args.model, force=args.force)
    print(f"wrote {printable(path)}", file=sys.stderr)
    return errors.status()
