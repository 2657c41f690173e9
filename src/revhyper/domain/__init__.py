"""The domain: what revhyper knows and decides, in pure Python (stdlib, NumPy, SciPy).

The tree reads as the product's concepts; each subpackage's docstring says what it knows and what it
must not import, and ``pyproject.toml``'s import-linter contracts hold it to that:

- ``knowledge``   the exercise: variation catalogue, cues, faults a coach sees, the goal protocols
- ``programming`` screening, planning, progression and adaptation of the next prescription
- ``training``    the training log's records and rules, its analytics, the guided-session flow
- ``loads``, ``plates``  load maths: e1RM formulas, RPE/RIR, working loads; plate inventories
                  and the bounded search for the plates that make a load
- ``body``        segment tables and the machine's mechanics (what a load means at the hip)
- ``motion``      the form analysis of keypoint series: reps, range, phases, faults
- ``clips``       the labelled clip generator and the scoring of an analysis against its labels
- shared kernel   ``errors``, ``vocabulary`` (the ids people type), ``tempo`` (C-H-E-P notation),
                  ``units`` (kilograms and pounds), ``typed_numbers`` (what a typed number may be)

Modules that lived directly under ``revhyper.domain`` before this grouping still import, with a
``DeprecationWarning`` naming the new place, for one release (see ``moved_modules``).
"""

from revhyper.domain.moved_modules import install_moved_module_aliases

install_moved_module_aliases()
