"""The domain's old module paths still import for one release, warning with the new place."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from revhyper.domain.moved_modules import MOVED_MODULES


@pytest.mark.parametrize(("old", "new"), sorted(MOVED_MODULES.items()))
def test_an_old_domain_path_gives_the_moved_module_with_a_deprecation_warning(
    old: str, new: str
) -> None:
    # A fresh interpreter: in this one the old name may already be bound by an earlier test.
    script = (
        "import warnings, importlib\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        f"    old = importlib.import_module({old!r})\n"
        f"new = importlib.import_module({new!r})\n"
        "assert old is new, (old, new)\n"
        "messages = [str(w.message) for w in caught if w.category is DeprecationWarning]\n"
        f"assert any({new!r} in m for m in messages), messages\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_every_new_place_of_a_moved_module_exists() -> None:
    for new in MOVED_MODULES.values():
        assert importlib.util.find_spec(new) is not None, new


def test_names_that_never_existed_still_fail_to_import() -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("revhyper.domain.no_such_module")
