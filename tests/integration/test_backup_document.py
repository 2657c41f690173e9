"""Backups against a document written out by hand, not produced by the exporter.

The round-trip tests in ``test_backup_and_imports.py`` compare the exporter with itself, so a
field the exporter forgets (and the importer then reads as absent) goes unnoticed there. Here a
literal ``revhyper-backup/1`` document is restored, the stored records are read back through the
repositories, and the export of the restored database must be that same literal document.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from revhyper.adapters.db import UnitOfWork
from revhyper.services import backup

SET_WITH_EVERY_FIELD: dict[str, Any] = {
    "position": 1,
    "variation": "tempo-reverse-hyper",
    "reps": 8,
    "load_kg": 10.25,
    "band": "light",
    "rpe": None,
    "rir": 2,
    "tempo": "3-1-3-0",
    "hold_s": None,
    "pain": 1,
    "notes": "ok",
    "kind": "working",
    "analysis": 1,
    "side": None,  # a two-legged variation has no side
    "logged_at": "2025-03-02T18:05:00",
}

SET_WITH_RPE: dict[str, Any] = {
    "position": 2,
    "variation": "machine-reverse-hyper",
    "reps": 12,
    "load_kg": 22.5,
    "band": None,
    "rpe": 7.5,
    "rir": None,
    "tempo": None,
    "hold_s": None,
    "pain": None,
    "notes": "",
    "kind": "warmup",
    "analysis": None,
    "side": None,
    "logged_at": "2025-03-02T18:09:30",
}

HOLD_SET: dict[str, Any] = {
    "position": 3,
    "variation": "isometric-hold",
    "reps": 1,
    "load_kg": 0,
    "band": None,
    "rpe": None,
    "rir": 1.5,
    "tempo": None,
    "hold_s": 30,
    "pain": 0,
    "notes": "",
    "kind": "working",
    "analysis": None,
    "side": None,
    "logged_at": "2025-03-02T18:12:00",
}

SINGLE_LEG_SET: dict[str, Any] = {
    "position": 4,
    "variation": "single-leg-reverse-hyper",
    "reps": 10,
    "load_kg": 5.0,
    "band": None,
    "rpe": 7.0,
    "rir": None,
    "tempo": None,
    "hold_s": None,
    "pain": 0,
    "notes": "",
    "kind": "working",
    "analysis": None,
    "side": "left",
    "logged_at": "2025-03-02T18:15:00",
}

DOCUMENT: dict[str, Any] = {
    "format": "revhyper-backup/1",
    "exported_at": "2025-03-03T09:00:00",
    "revhyper_version": "0.1.0",
    "scope": {"athlete": None},
    "athletes": [
        {
            "name": "Alex",
            "created_at": "2025-03-01T08:00:00",
            "profile": {
                "level": "intermediate",
                "goal": "hypertrophy",
                "equipment": ["bench", "machine"],
                "injuries": [],
                "back_pain": 0,
                "medical_care": False,
                "clearance": False,
                "body_mass_kg": 82.5,
                "height_m": 1.8,
                "sex": "male",
                "known_set": {"load_kg": 40.0, "reps": 10, "rpe": 8.0},
                "floor_criterion_met": False,
                "unit": "lb",
                "plates": {"unit": "lb", "plates": [[45.0, 4], [25.0, 2], [10.0, None], [2.5, 2]]},
            },
            "screening": {"needs_clearance": False, "reasons": []},
            "programs": [],
            "analyses": [
                {
                    "key": 1,
                    "created_at": "2025-03-02T18:04:00",
                    "source": "clip.json",
                    "owned_by_athlete": True,
                    "result": {"format": "revhyper-analysis/1", "faults": [], "rep_count": 8},
                }
            ],
            "sessions": [
                {
                    "created_at": "2025-03-02T18:00:00",
                    "day": "2025-03-02",
                    "status": "performed",
                    "program": None,
                    "plan_week": None,
                    "plan_day": None,
                    "notes": "first",
                    "pain_before": 1,
                    "pain_after": 2,
                    "sets": [SET_WITH_EVERY_FIELD, SET_WITH_RPE, HOLD_SET, SINGLE_LEG_SET],
                }
            ],
            "body_mass": [{"day": "2025-03-01", "mass_kg": 82.4}],
        }
    ],
    "unlinked_analyses": [],
}


def _comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The document without the export's own time and the installed version."""
    copied = copy.deepcopy(document)
    copied.pop("exported_at")
    copied.pop("revhyper_version")
    return copied


def test_a_hand_written_backup_restores_every_set_field(uow: UnitOfWork) -> None:
    report = backup.import_backup(uow, copy.deepcopy(DOCUMENT))
    assert (report.athletes_added, report.sessions, report.sets) == (1, 1, 4)
    with uow:
        athlete = uow.athletes.get("Alex")
        (stored,) = uow.sessions.find(athlete.id)
        tempo_set, rpe_set, hold_set, single_leg_set = stored.sets
    assert stored.day == date(2025, 3, 2)
    assert (stored.pain_before, stored.pain_after, stored.notes) == (1, 2, "first")
    assert tempo_set.rir == 2
    assert tempo_set.rpe is None
    assert tempo_set.effective_rpe == 8.0
    assert (tempo_set.reps, tempo_set.load_kg, tempo_set.band) == (8, 10.25, "light")
    assert (tempo_set.tempo, tempo_set.pain, tempo_set.notes) == ("3-1-3-0", 1, "ok")
    assert tempo_set.analysis_id is not None
    assert (rpe_set.rpe, rpe_set.rir, rpe_set.load_kg) == (7.5, None, 22.5)
    assert (hold_set.hold_s, hold_set.rir, hold_set.pain) == (30, 1.5, 0)
    assert [s.kind.value for s in stored.sets] == ["working", "warmup", "working", "working"]
    assert [s.side.value if s.side else None for s in stored.sets] == [None, None, None, "left"]
    assert (single_leg_set.reps, single_leg_set.load_kg) == (10, 5.0)
    assert athlete.profile.unit.value == "lb"
    assert athlete.profile.plates is not None
    assert athlete.profile.plates.unit.value == "lb"
    assert athlete.profile.plates.plates == ((45.0, 4), (25.0, 2), (10.0, None), (2.5, 2))


def test_exporting_a_restored_hand_written_backup_gives_that_document_back(
    uow: UnitOfWork,
) -> None:
    backup.import_backup(uow, copy.deepcopy(DOCUMENT))
    exported = backup.export_backup(uow)
    assert _comparable(exported) == _comparable(DOCUMENT)
    (athlete,) = exported["athletes"]
    assert [s["rir"] for s in athlete["sessions"][0]["sets"]] == [2, None, 1.5, None]
