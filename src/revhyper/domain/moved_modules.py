"""Old import paths of the domain modules, kept working for one release with a deprecation warning.

Users' scripts may import ``revhyper.domain.exercises`` or ``revhyper.domain.synth`` as the README
documented before the domain was grouped by concept. A finder at the end of ``sys.meta_path``
answers for those names only (the real modules are always found first), imports the module at its
new place, warns once, and binds the old name to the same module object.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType

#: Old module path -> new module path (remove both after the next release).
MOVED_MODULES: dict[str, str] = {
    f"revhyper.domain.{old}": f"revhyper.domain.{new}"
    for old, new in {
        "exercises": "knowledge.exercises",
        "protocols": "knowledge.protocols",
        "athlete": "programming.athlete",
        "planner": "programming.planner",
        "progression": "programming.progression",
        "adaptation": "programming.adaptation",
        "training_log": "training.log",
        "analytics": "training.analytics",
        "session_flow": "training.session_flow",
        "set_fields": "training.set_fields",
        "anthropometry": "body.anthropometry",
        "mechanics": "body.mechanics",
        "keypoints": "motion.keypoints",
        "form_result": "motion.form_result",
        "synth": "clips.synth",
        "synth_scoring": "clips.scoring",
    }.items()
}


class _MovedModuleLoader(importlib.abc.Loader):
    """Hands out the module at its new place under the old name."""

    def __init__(self, new_name: str) -> None:
        self.new_name = new_name

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        warnings.warn(
            f"{spec.name} has moved to {self.new_name}; the old path goes in the next release",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module(self.new_name)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module was executed at its new place."""


class _MovedModuleFinder(importlib.abc.MetaPathFinder):
    """Finds only the old names listed in ``MOVED_MODULES``."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        new_name = MOVED_MODULES.get(fullname)
        if new_name is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _MovedModuleLoader(new_name))


def install_moved_module_aliases() -> None:
    """Put the finder at the end of ``sys.meta_path`` (once per process)."""
    if not any(isinstance(finder, _MovedModuleFinder) for finder in sys.meta_path):
        sys.meta_path.append(_MovedModuleFinder())
