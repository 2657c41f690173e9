"""CLI command: ``revhyper history`` — the logged sessions and sets as Rich tables."""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from revhyper.cli import output
from revhyper.cli.output import fits, safe
from revhyper.domain.training_log import LoggedSet, SessionRecord, parse_date

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


def plural(count: int, word: str) -> str:
    """``1 set``, ``2 sets``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _set_cells(logged: LoggedSet) -> dict[str, str]:
    r = logged.record
    return {
        "Date": logged.day.isoformat(),
        "Athlete": logged.athlete_name,
        "Sess": str(logged.session_id),
        "#": f"{logged.session_id}.{r.position}",
        "Variation": r.variation.value,
        "Reps": str(r.reps),
        "kg": f"{r.load_kg:g}",
        "Effort": _effort(logged),
        "Pain": _optional(r.pain),
        "Band": r.band or "",
        "Tempo": r.tempo or (f"{r.hold_s:g} s" if r.hold_s is not None else ""),
        "Faults": ", ".join(r.faults),
        "Notes": r.notes,
    }


#: Columns always shown; the others appear only when some row fills them.
_ALWAYS = ("Date", "#", "Variation", "Reps", "kg")
_NUMERIC = ("Sess", "#", "Reps", "kg", "Pain")


def sets_table(sets: list[LoggedSet], with_athlete: bool) -> Table:
    """One row per set; optional columns (effort, pain, band, tempo, faults...) when used."""
    rows = [_set_cells(logged) for logged in sets]
    names = [n for n in rows[0] if n in _ALWAYS or any(row[n] for row in rows)] if rows else []
    if not with_athlete and "Athlete" in names:
        names.remove("Athlete")
    names.remove("Sess")
    table = Table(title="Sets", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for name in names:
        table.add_column(
            name,
            justify="right" if name in _NUMERIC else "left",
            no_wrap=name not in ("Notes", "Faults"),
            min_width=8 if name in ("Notes", "Faults") else None,
        )
    for row in rows:
        table.add_row(*(safe(row[n]) for n in names))
    return table


def sets_stacked(sets: list[LoggedSet], with_athlete: bool) -> Group:
    """The sets for a narrow terminal: date and number, then every filled field, wrapped."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for logged in sets:
        cells = _set_cells(logged)
        first = [cells["Variation"], f"{cells['Reps']} reps", f"{cells['kg']} kg"]
        if with_athlete:
            first.insert(0, cells["Athlete"])
        first += [cells[n] for n in ("Effort",) if cells[n]]
        first += [f"{n.lower()} {cells[n]}" for n in ("Pain", "Band", "Tempo") if cells[n]]
        lines = [" · ".join(safe(part) for part in first)]
        lines += [f"{n.lower()}: {safe(cells[n])}" for n in ("Faults", "Notes") if cells[n]]
        grid.add_row(cells["Date"], cells["#"], "\n".join(lines))
    return Group(Text("Sets", style="italic"), grid)


def sessions_table(sessions: list[SessionRecord], names: dict[int, str]) -> Table:
    """One row per session: date, athlete, status, plan slot, sets, volume load, pain."""
    table = Table(title="Sessions", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for name in ("Date", "Athlete", "Session", "Status", "Plan", "Sets", "Volume kg", "Pain b/a"):
        table.add_column(
            name,
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
            f"{s.volume_load_kg:g}",
            pain,
        )
    return table


def history(
    athlete: Annotated[str | None, typer.Option(help="Only this athlete.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date, YYYY-MM-DD.")] = None,
    variation: Annotated[str | None, typer.Option(help="Only sets of this variation.")] = None,
    sessions: Annotated[bool, typer.Option("--sessions", help="List sessions, not sets.")] = False,
) -> None:
    """List logged sessions and sets, filtered by athlete, dates and variation."""
    from revhyper.services import history as history_service
    from revhyper.services.database import unit_of_work

    first = parse_date(since, "--since") if since is not None else None
    last = parse_date(until, "--until") if until is not None else None
    uow = unit_of_work()
    if sessions:
        found = history_service.sessions_for(uow, athlete, first, last)
        with uow:
            names = {a.id: a.name for a in uow.athletes.all()}
        if not found:
            console.print("No sessions match.")
            return
        console.print(sessions_table(found, names))
        return
    sets = history_service.sets_for(uow, athlete, first, last, variation)
    if not sets:
        console.print("No sets match.")
        return
    several = len({s.athlete_id for s in sets}) > 1
    table = sets_table(sets, with_athlete=several)
    console.print(table if fits(console, table) else sets_stacked(sets, with_athlete=several))
    volume = sum(s.record.volume_load_kg for s in sets)
    session_count = len({s.session_id for s in sets})
    console.print(
        f"{plural(len(sets), 'set')} in {plural(session_count, 'session')}, "
        f"volume load {volume:g} kg."
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("history", help="List logged sessions and sets (filter by date, variation).")(
        history
    )
