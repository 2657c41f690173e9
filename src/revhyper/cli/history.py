"""CLI command: ``revhyper history`` — the logged sessions and sets as Rich tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

import typer
from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from revhyper.cli import output
from revhyper.cli.output import fits, plural, safe
from revhyper.domain.training.log import LoggedSet, SessionRecord, parse_date
from revhyper.domain.units import MassUnit, format_load, from_kg, number_text

console = output.console()


def _effort(logged: LoggedSet) -> str:
    r = logged.record
    if r.rpe is not None:
        return f"RPE {r.rpe:g}"
    if r.rir is not None:
        return f"RIR {r.rir:g}"
    return ""


def _optional(value: float | int | str | None, unit: str = "") -> str:
    if value is None or value == "":
        return ""
    return f"{value:g}{unit}" if isinstance(value, float) else f"{value}{unit}"


def _set_cells(logged: LoggedSet, units: UnitsShown) -> dict[str, str]:
    r = logged.record
    unit = units.of(logged.athlete_id)
    load = number_text(from_kg(r.load_kg, unit))
    return {
        "Id": str(r.id),
        "Date": logged.day.isoformat(),
        "Athlete": logged.athlete_name,
        "Sess": str(logged.session_id),
        "#": f"{logged.session_id}.{r.position}",
        "Variation": r.variation.value + (f" ({r.side.value})" if r.side else ""),
        "Reps": str(r.reps),
        "kg": load if units.single else f"{load} {unit.value}",
        "Effort": _effort(logged),
        "Pain": _optional(r.pain),
        "Band": r.band or "",
        "Tempo": r.tempo or (f"{r.hold_s:g} s" if r.hold_s is not None else ""),
        "Faults": ", ".join(r.faults),
        "Notes": "; ".join(part for part in ("warm-up" if r.is_warmup else "", r.notes) if part),
    }


#: Columns always shown; the others appear only when some row fills them. "Id" is the set's id
#: that ``revhyper log edit|delete`` take.
_ALWAYS = ("Id", "Date", "#", "Variation", "Reps", "kg")
_NUMERIC = ("Id", "Sess", "#", "Reps", "kg", "Pain")


@dataclass(frozen=True)
class UnitsShown:
    """Each athlete's unit, and whether one unit covers every row (then the column names it)."""

    by_athlete: Mapping[int, MassUnit]
    single: bool

    def of(self, athlete_id: int) -> MassUnit:
        return self.by_athlete.get(athlete_id, MassUnit.KG)

    @classmethod
    def for_rows(cls, by_athlete: Mapping[int, MassUnit], athlete_ids: set[int]) -> UnitsShown:
        shown = {by_athlete.get(i, MassUnit.KG) for i in athlete_ids}
        return cls(by_athlete, len(shown) <= 1)

    def column(self, athlete_ids: set[int]) -> str:
        """The load column's title: the one unit, or "Load" when units differ."""
        if not self.single:
            return "Load"
        return next(iter({self.of(i) for i in athlete_ids}), MassUnit.KG).value


def sets_table(sets: list[LoggedSet], with_athlete: bool, units: UnitsShown | None = None) -> Table:
    """One row per set; optional columns (effort, pain, band, tempo, faults...) when used.

    Loads are shown in each athlete's unit (``units``; kilograms when not given).
    """
    units = units or UnitsShown({}, True)
    rows = [_set_cells(logged, units) for logged in sets]
    load_title = units.column({s.athlete_id for s in sets})
    names = [n for n in rows[0] if n in _ALWAYS or any(row[n] for row in rows)] if rows else []
    if not with_athlete and "Athlete" in names:
        names.remove("Athlete")
    names.remove("Sess")
    table = Table(title="Sets", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for name in names:
        table.add_column(
            load_title if name == "kg" else name,
            justify="right" if name in _NUMERIC else "left",
            no_wrap=name not in ("Notes", "Faults"),
            min_width=8 if name in ("Notes", "Faults") else None,
        )
    for row in rows:
        table.add_row(*(safe(row[n]) for n in names))
    return table


def sets_stacked(
    sets: list[LoggedSet], with_athlete: bool, units: UnitsShown | None = None
) -> Group:
    """The sets for a narrow terminal: date and number, then every filled field, wrapped."""
    units = units or UnitsShown({}, True)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for logged in sets:
        cells = _set_cells(logged, units)
        unit = units.of(logged.athlete_id).value
        load = f"{cells['kg']} {unit}" if units.single else cells["kg"]
        first = [cells["Variation"], f"{cells['Reps']} reps", load]
        if with_athlete:
            first.insert(0, cells["Athlete"])
        first += [cells[n] for n in ("Effort",) if cells[n]]
        first += [f"{n.lower()} {cells[n]}" for n in ("Pain", "Band", "Tempo") if cells[n]]
        lines = [" · ".join(safe(part) for part in first)]
        lines += [f"{n.lower()}: {safe(cells[n])}" for n in ("Faults", "Notes") if cells[n]]
        grid.add_row(cells["Date"], cells["#"], "\n".join(lines))
    return Group(Text("Sets", style="italic"), grid)


def sessions_table(
    sessions: list[SessionRecord], names: dict[int, str], units: UnitsShown | None = None
) -> Table:
    """One row per session: date, athlete, status, plan slot, sets, volume load, pain."""
    units = units or UnitsShown({}, True)
    ids = {s.athlete_id for s in sessions}
    volume_title = f"Volume {units.column(ids)}" if units.single else "Volume"
    table = Table(title="Sessions", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for name in ("Date", "Athlete", "Session", "Status", "Plan", "Sets", "Volume kg", "Pain b/a"):
        table.add_column(
            volume_title if name == "Volume kg" else name,
            justify="right" if name in ("Sets", "Volume kg") else "left",
            no_wrap=name == "Date",
        )
    for s in sessions:
        plan = f"w{s.plan_week} d{s.plan_day}" if s.plan_week else "—"
        pain = f"{_optional(s.pain_before) or '–'}/{_optional(s.pain_after) or '–'}"
        table.add_row(
            s.day.isoformat(),
            safe(names.get(s.athlete_id, str(s.athlete_id))),
            str(s.id),
            s.status.value,
            plan,
            str(len(s.sets)),
            _volume(s.volume_load_kg, units.of(s.athlete_id), units.single),
            pain,
        )
    return table


def _volume(load_kg: float, unit: MassUnit, single: bool) -> str:
    text = number_text(from_kg(load_kg, unit))
    return text if single else f"{text} {unit.value}"


def history(
    athlete: Annotated[str | None, typer.Option(help="Only this athlete.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date, YYYY-MM-DD.")] = None,
    variation: Annotated[str | None, typer.Option(help="Only sets of this variation.")] = None,
    sessions: Annotated[bool, typer.Option("--sessions", help="List sessions, not sets.")] = False,
) -> None:
    """List logged sessions and sets, filtered by athlete, dates and variation."""
    from revhyper.services import athletes
    from revhyper.services import history as history_service
    from revhyper.services.database import unit_of_work

    first = parse_date(since, "--since") if since is not None else None
    last = parse_date(until, "--until") if until is not None else None
    if sessions:
        found = history_service.session_history(unit_of_work(), athlete, first, last)
        if not found.sessions:
            console.print("No sessions match.")
            return
        unit_map = athletes.units_by_id(unit_of_work())
        shown = UnitsShown.for_rows(unit_map, {s.athlete_id for s in found.sessions})
        console.print(sessions_table(found.sessions, found.athlete_names, shown))
        return
    matched = history_service.set_history(unit_of_work(), athlete, first, last, variation)
    if not matched.sets:
        console.print("No sets match.")
        return
    ids = {s.athlete_id for s in matched.sets}
    shown = UnitsShown.for_rows(athletes.units_by_id(unit_of_work()), ids)
    several = matched.athlete_count > 1
    table = sets_table(matched.sets, with_athlete=several, units=shown)
    console.print(table if fits(console, table) else sets_stacked(matched.sets, several, shown))
    volume_unit = shown.of(next(iter(ids))) if shown.single else MassUnit.KG
    console.print(
        f"{plural(len(matched.sets), 'set')} in {plural(matched.session_count, 'session')}, "
        f"volume load {format_load(matched.volume_load_kg, volume_unit)}."
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("history", help="List logged sessions and sets (filter by date, variation).")(
        history
    )
