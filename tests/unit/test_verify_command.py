"""`portal-verify BUNDLE`: exit 0 when intact, 1 naming tampering, 2 when the file is not a bundle."""

import json
import subprocess
from pathlib import Path

import pytest

from chalicelib.domain.counting import Method
from chalicelib.entrypoints.verify_bundle import main
from tests.unit.test_bundle import election

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bundle_file(tmp_path):
    bundle, _, _ = election(Method.STV_SCOTTISH, n=40, batches=3)
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    return path, bundle


def test_an_intact_bundle_is_verified_with_a_summary(bundle_file, capsys):
    path, bundle = bundle_file
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "election e-bundle: Board election (stv-scottish, 2 seat(s))" in out
    assert "roll 100, ballots 40, board entries 40 in 3 block(s)" in out
    assert f"final head (seed) {bundle['seed']}" in out
    assert out.rstrip().endswith(
        "VERIFIED: the board's chain and Merkle roots hold, the numbers agree and the recount matches"
    )


def test_tampering_exits_1_and_names_it(bundle_file, capsys):
    path, bundle = bundle_file
    bundle["board"]["blocks"][1]["codes"].pop()
    path.write_text(json.dumps(bundle))
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert "NOT VERIFIED" in out
    assert "  - board.blocks[1]: block 1 says it holds" in out
    assert "  - ballots: there are 40 ballots but 39 tracking codes on the board" in out


def test_the_json_report_lists_facts_and_problems(bundle_file, capsys):
    path, bundle = bundle_file
    bundle["seed"] = "f" * 64
    path.write_text(json.dumps(bundle))
    assert main([str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["intact"] is False and report["readable"] is True
    assert report["facts"]["ballots"] == 40
    assert report["problems"][0]["where"] == "seed"


def test_a_head_other_than_the_published_one_is_named(bundle_file, capsys):
    path, bundle = bundle_file
    assert main([str(path), "--head", bundle["seed"]]) == 0
    capsys.readouterr()
    assert main([str(path), "--head", "0" * 64]) == 1
    assert "seed: the bundle's final head is not the one published" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content, said",
    [
        (None, "cannot read"),
        (b"{not json", "is not a JSON document"),
        (b"\xff\xfe", "is not a JSON document"),
        (b"[" * 100_000, "is not a JSON document"),
    ],
)
def test_an_unreadable_file_exits_2(tmp_path, capsys, content, said):
    path = tmp_path / "bundle.json"
    if content is not None:
        path.write_bytes(content)
    assert main([str(path)]) == 2
    assert said in capsys.readouterr().err


def test_a_document_that_is_not_a_bundle_exits_2(tmp_path, capsys):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"hello": "world"}))
    assert main([str(path)]) == 2
    assert "format: not an election bundle" in capsys.readouterr().out


def test_the_installed_command_verifies_and_names_tampering(bundle_file):
    path, bundle = bundle_file
    command = ROOT / ".venv" / "bin" / "portal-verify"
    ok = subprocess.run([str(command), str(path)], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "VERIFIED" in ok.stdout
    bundle["result"]["elected"].reverse()
    path.write_text(json.dumps(bundle))
    tampered = subprocess.run([str(command), str(path)], capture_output=True, text=True, timeout=120)
    assert tampered.returncode == 1
    assert "result.elected[0]: differs from the recount" in tampered.stdout
