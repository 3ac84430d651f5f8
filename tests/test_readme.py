"""The README's sample outputs are what the commands print today (scripts/readme_samples.py makes them)."""

from __future__ import annotations

import importlib.util
import sys

from tests.conftest import ROOT


def _script():
    spec = importlib.util.spec_from_file_location("readme_samples", ROOT / "scripts" / "readme_samples.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_sample_in_the_readme_is_what_its_command_prints() -> None:
    """The query answers and the triple count had gone stale (issue 15): regenerate with the script."""
    script = _script()
    readme = script.README.read_text(encoding="utf-8")
    fresh = script.rewritten(readme, script.samples())
    assert fresh == readme, "README samples are stale: run .venv/bin/python scripts/readme_samples.py"


def test_the_readme_says_how_to_get_kg_on_the_path() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ". .venv/bin/activate" in readme and "pipx install ." in readme


def test_a_stale_sample_is_caught() -> None:
    script = _script()
    readme = "x\n<!-- sample cooccurring-terms -->\n```\nold\n```\n"
    assert script.rewritten(readme, {"cooccurring-terms": "new\n"}) == readme.replace("old\n", "new\n")
