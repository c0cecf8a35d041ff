"""An installed build (not the source tree) ships the rule files and the line model, and finds them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROBE = """
import cleaner, cleaner.rulebook.load as rs, cleaner.linemodel as lm
from cleaner import clean
doc = clean(open({seed!r}, encoding="utf-8").read())
print(cleaner.__file__)
print(rs.bundled_rules_dir())
print(lm.bundled_model_path(), lm.bundled_model_path().is_file())
print(len(rs.load_ruleset().all_rules()), doc.title)
"""


def test_wheel_ships_rules_and_cleans_from_an_installed_copy(tmp_path):
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, REPO], check=True, capture_output=True
    )
    wheel = next(wheels.glob("cleaner-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    seed = REPO / "golden" / "seed-000" / "input.txt"
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(seed=str(seed))],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    package, rules_dir, model, summary = done.stdout.splitlines()
    assert package.startswith(str(target)) and rules_dir.startswith(str(target))
    assert model.startswith(str(target)) and model.endswith(" True")  # the line model's weights ship too
    assert summary.endswith("Musk praises Zuckerberg's AI achievements, now we have seen everything")
    assert int(summary.split()[0]) > 20
    # Started in the repository root (as worker processes are), `cleaner/` comes from the source
    # tree, which has no installed rule package: the rules beside it are found instead.
    in_checkout = subprocess.run(
        [sys.executable, "-c", PROBE.format(seed=str(seed))],
        cwd=REPO,
        env={"PYTHONPATH": str(target), "PATH": ""},
        capture_output=True,
        text=True,
    )
    assert in_checkout.returncode == 0, in_checkout.stderr
    package, rules_dir, model, summary = in_checkout.stdout.splitlines()
    assert package.startswith(str(REPO / "cleaner")) and Path(rules_dir) == REPO / "rules"
    assert model.startswith(str(REPO / "cleaner" / "models")) and model.endswith(" True")


def test_a_second_checkout_reads_its_own_rules_beside_another_checkouts_editable_install(tmp_path):
    # This checkout is installed editable in the test environment, which maps `cleaner.rulefiles`
    # to its `rules/`; a copy of the source imported first must still read the rules beside it.
    import shutil

    copy = tmp_path / "checkout"
    shutil.copytree(REPO / "cleaner", copy / "cleaner", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "rules", copy / "rules", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    probe = "import cleaner.rulebook.load as rs; print(rs.bundled_rules_dir())"
    done = subprocess.run([sys.executable, "-c", probe], cwd=copy, capture_output=True, text=True, check=True)
    assert Path(done.stdout.strip()) == copy / "rules"
