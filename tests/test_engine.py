"""The engines give the same analyses, in the same order, as analysing one by one."""

import json

import pytest

import framing
from framing.cli import main
from framing.engine import run
from framing.errors import FramingError

SENTENCES = [
    "Regime forces shelled rebel-held areas, activists said.",
    "The Syrian Arab Army liberated the town from terrorists, SANA reported.",
    "Insurgents captured two villages, the Observatory said.",
    "“We will not surrender,” an opposition commander told Reuters.",
]


def _corpus(n):
    return [framing.Article(id=f"a{i}", text=SENTENCES[i % len(SENTENCES)], outlet=f"o{i % 3}")
            for i in range(n)]


def _dicts(analyses):
    return [json.dumps(a.to_dict(), sort_keys=True) for a in analyses]


def test_process_pool_matches_in_process():
    arts = _corpus(70)
    one = _dicts(run(arts, jobs=1))
    two = _dicts(run(iter(arts), jobs=2, batch_size=8))
    assert one == two and len(one) == 70
    assert one == _dicts(framing.analyze(a) for a in arts)


def test_bad_options():
    with pytest.raises(FramingError, match="engine 'spark' not known"):
        list(run(_corpus(1), engine="spark"))
    with pytest.raises(FramingError, match="--jobs must be 1 or more"):
        list(run(_corpus(1), jobs=0))
    with pytest.raises(FramingError, match="needs --scheduler"):
        pytest.importorskip("distributed")
        list(run(_corpus(1), engine="dask"))


def test_dask_local_cluster_matches_local():
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    arts = _corpus(40)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            got = _dicts(run(arts, engine="dask", scheduler=client, batch_size=6))
        # and by address, as the CLI does
        got_addr = _dicts(run(arts, engine="dask", scheduler=cluster.scheduler_address, batch_size=6))
    want = _dicts(run(arts, jobs=1))
    assert got == want and got_addr == want


def test_cli_resume_after_crash(tmp_path, capsys):
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "text": a.text, "outlet": a.outlet}) + "\n"
                           for a in _corpus(45)), encoding="utf-8")
    full = tmp_path / "full.jsonl"
    assert main(["analyze", str(src), "--format", "jsonl", "-o", str(full), "--jobs", "1"]) == 0
    # a run killed mid-write: 20 whole records and half of the 21st
    lines = full.read_bytes().splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_bytes(b"".join(lines[:20]) + lines[20][:37])
    assert main(["analyze", str(src), "--format", "jsonl", "-o", str(part), "--resume", "--jobs", "2"]) == 0
    assert part.read_bytes() == full.read_bytes()
    # resuming a finished run adds nothing
    assert main(["analyze", str(src), "--format", "jsonl", "-o", str(part), "--resume"]) == 0
    assert part.read_bytes() == full.read_bytes()


def test_cli_resume_refuses_other_input(tmp_path, capsys):
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps({"id": "x", "text": "Rebels advanced."}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "other"}) + "\n", encoding="utf-8")
    assert main(["analyze", str(a), "--format", "jsonl", "-o", str(out), "--resume"]) == 2
    assert "cannot resume: record 1 of the output has id 'other'" in capsys.readouterr().err


def _stream_failing_after(n_good):
    for i in range(n_good):
        yield framing.Article(id=str(i), text=f"Regime forces shelled the town on day {i}, activists said.")
    raise framing.CorpusError("corpus.jsonl", n_good + 1, "not valid JSON")


@pytest.mark.parametrize("jobs, n_good", [(1, 5), (1, 40), (2, 5), (2, 100)])
def test_articles_read_before_a_failure_are_analysed_first(jobs, n_good):
    # a reader that fails part-way (a bad line under --strict, an on_error that
    # raises): the partial batch and the batches in flight still come out, in order
    got = []
    with pytest.raises(framing.CorpusError, match="not valid JSON"):
        for an in run(_stream_failing_after(n_good), jobs=jobs, batch_size=8):
            got.append(an.article.id)
    assert got == [str(i) for i in range(n_good)]


def test_cli_parquet_shards_hold_the_jsonl_records_and_resume_after_a_crash(tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet", reason="the parquet extra is not installed")
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "text": a.text, "outlet": a.outlet}) + "\n"
                           for a in _corpus(45)), encoding="utf-8")
    jl = tmp_path / "full.jsonl"
    assert main(["analyze", str(src), "--format", "jsonl", "-o", str(jl)]) == 0
    want = [json.loads(line) for line in jl.read_text("utf-8").splitlines()]

    def rows(d):
        out = pq.read_table(d).to_pylist()
        for r in out:                     # maps come back as (key, value) pairs
            r["leans"], r["voice_share"] = dict(r["leans"]), dict(r["voice_share"])
        return out

    full = tmp_path / "full"
    assert main(["analyze", str(src), "--format", "parquet", "-o", str(full),
                 "--shard-size", "10", "--jobs", "2"]) == 0
    assert sorted(p.name for p in full.iterdir()) == [f"part-{i:05d}.parquet" for i in range(5)]
    assert rows(full) == want
    # a run killed while writing its third shard: two whole shards and a partial file
    part = tmp_path / "part"
    part.mkdir()
    for name in ("part-00000.parquet", "part-00001.parquet"):
        (part / name).write_bytes((full / name).read_bytes())
    (part / "part-00002.parquet.partial").write_bytes(b"PAR1 cut off")
    assert main(["analyze", str(src), "--format", "parquet", "-o", str(part), "--resume",
                 "--shard-size", "10"]) == 0
    assert rows(part) == want and not list(part.glob("*.partial"))
    # resuming a finished run adds nothing; a fresh run replaces the shards
    assert main(["analyze", str(src), "--format", "parquet", "-o", str(part), "--resume"]) == 0
    assert rows(part) == want
    assert main(["analyze", str(src), "--format", "parquet", "-o", str(part),
                 "--shard-size", "100"]) == 0
    assert [p.name for p in part.iterdir()] == ["part-00000.parquet"] and rows(part) == want


def test_cli_parquet_needs_a_folder(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "Rebels advanced."}) + "\n", encoding="utf-8")
    assert main(["analyze", str(src), "--format", "parquet"]) == 2
    assert "--format parquet needs -o DIR" in capsys.readouterr().err
    f = tmp_path / "file"
    f.write_text("x")
    assert main(["analyze", str(src), "--format", "parquet", "-o", str(f)]) == 2
    assert "writes a folder of shards; this is a file" in capsys.readouterr().err
