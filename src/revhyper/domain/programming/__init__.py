"""Programming: screening, planning, progression and adaptation.

``athlete`` holds the planner's profile and the safety screening; ``planner`` turns a goal, level,
equipment and history into weeks of sessions; ``progression`` and ``adaptation`` decide the next
prescription from what was logged (pain rules included).

Imports: the shared kernel, ``loads``, the exercise ``knowledge``, the ``training`` log records and
the ``body`` mechanics (for loads in kilograms). Never the motion analysis or the clip generators.
"""
