"""The report in a real browser: headless Chromium renders its charts, offline, with its colours.

The pages have no script of their own; to look inside the rendered page the
test loads a *copy* with a small probe script appended, which lists the
images the browser decoded and every resource it fetched (the Resource Timing
API), and the colours it computed for highlighted words. Chromium runs with
every host name mapped to nothing (``--host-resolver-rules``), so a page that
needed the network would fail here. Skipped when Chromium is not installed
(``.ci/run`` installs the Debian package ``chromium``).
"""

import json
import re
import shutil
import subprocess

import pytest

from framing.report import write_report

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))
                 if p), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (Debian: apt-get install "
                             "chromium; .ci/run installs it)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars",
         "--virtual-time-budget=15000"]

PROBE = """<script>
addEventListener("load", function () {
  var imgs = Array.prototype.slice.call(document.images);
  var style = function (sel, prop) {
    var el = document.querySelector(sel);
    return el ? getComputedStyle(el).getPropertyValue(prop) : null;
  };
  var out = {
    images: imgs.length,
    decoded: imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length,
    widths: imgs.map(function (i) { return i.naturalWidth; }),
    resources: performance.getEntriesByType("resource").map(function (e) { return e.name; }),
    p1: style(".body .t-p1", "border-bottom-color"), p1text: style(".body .t-p1", "color"),
    reported: style(".body .v-indirect", "border-bottom-style"),
    content: style(".body .ct-p1", "background-color")
  };
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def _chromium(tmp_path, *args):
    r = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}", *args],
                       capture_output=True, text=True, timeout=180)
    return r


def _probe(tmp_path, page, extra=""):
    """Load a copy of ``page`` with the probe appended; return what the probe saw."""
    doc = page.read_text(encoding="utf-8")
    copy = page.with_name(f"probe-{page.name}")
    copy.write_text(doc.replace("</body>", extra + PROBE + "</body>"), encoding="utf-8")
    r = _chromium(tmp_path, "--dump-dom", copy.as_uri())
    m = re.search(r'<pre id="probe">(.*?)</pre>', r.stdout, re.S)
    assert m, f"no probe output; chromium said: {r.stderr[-2000:]}"
    return json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@pytest.fixture(scope="module")
def report(tmp_path_factory, demo_analyses):
    out = tmp_path_factory.mktemp("browser-report")
    return write_report(demo_analyses, out)


def test_every_chart_is_decoded_and_nothing_is_fetched(report, tmp_path):
    seen = _probe(tmp_path, report)
    n_imgs = report.read_text(encoding="utf-8").count('<img src="data:image/png;base64,')
    assert n_imgs == 15
    assert seen["images"] == seen["decoded"] == n_imgs
    assert all(w >= 400 for w in seen["widths"]), seen["widths"]
    assert seen["resources"] == []


def test_the_probe_sees_a_page_that_reaches_for_the_network(report, tmp_path):
    # the same check on a page with one remote image: it is listed, and it does not decode
    seen = _probe(tmp_path, report, '<img src="http://example.org/tracker.png" alt="">')
    assert seen["resources"] == ["http://example.org/tracker.png"]
    assert seen["decoded"] == seen["images"] - 1


def test_article_page_renders_the_colours_of_the_sides(report, tmp_path):
    seen = _probe(tmp_path, report.parent / "articles" / "0001.html")
    assert seen["resources"] == [] and seen["images"] == 0
    # opposition-voice's first article: "regime" terms echo the second pole: underlined in the
    # charts' blue, written in a darker blue (for contrast); terms in reported speech dotted;
    # what the activists said tinted blue
    assert seen["p1"] == "rgb(0, 114, 178)" and seen["p1text"] == "rgb(0, 90, 140)"
    assert seen["reported"] == "dotted"
    assert seen["content"] == "rgb(220, 235, 247)"


def test_screenshot_shows_the_charts(report, tmp_path):
    from PIL import Image

    shot = tmp_path / "index.png"
    r = _chromium(tmp_path, "--window-size=1280,2600", f"--screenshot={shot}", report.as_uri())
    assert shot.is_file(), r.stderr[-2000:]
    import numpy as np

    px = np.asarray(Image.open(shot).convert("RGB"), dtype=int)
    assert px.shape == (2600, 1280, 3)
    ink = float((px.min(axis=2) < 235).mean())
    assert ink > 0.03, f"the page looks blank ({ink:.1%} ink)"

    def near(c, tol=40):
        return int((np.abs(px - np.array(c)).sum(axis=2) < tol).sum())

    # the profile and lean charts sit in the first screen: both pole colours are drawn
    assert near((0xD5, 0x5E, 0x00)) > 200 and near((0x00, 0x72, 0xB2)) > 200
