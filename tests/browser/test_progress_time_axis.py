"""The progress charts' time axis on a phone: whatever the span of the history (one session,
one week, months) the x axis reads as days or months around the data, never as years.

uPlot draws its axes on a canvas, so the chart's box carries the axis it was given:
``data-x-range`` (two numbers [s since 1970]) and ``data-x-labels`` (the tick labels, "|")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from browser_support import LiveServer, sign_in

from revhyper.domain.training.log import SetRecord
from revhyper.domain.vocabulary import VariationId
from revhyper.services import training

MACHINE = VariationId.MACHINE_REVERSE_HYPER
#: A day's label ("2 Dec") and a month's ("Dec", or "Jan 2027" for a year's first tick).
DAY_LABEL = re.compile(r"^(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$")
MONTH_LABEL = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?$")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAY_S = 86400


def _history(server: LiveServer, username: str, days_ago: tuple[int, ...]) -> int:
    """An athlete of ``username`` with one session (a loaded set) on each day ago."""
    server.add_user(username)
    athlete = server.add_athlete(username, f"{username} athlete")
    for ago in days_ago:
        day = date.today() - timedelta(days=ago)
        sets = [SetRecord(variation=MACHINE, reps=12, load_kg=30.0, rpe=7.0, pain=1)]
        training.log_session(server.uow(), athlete, day, sets, pain_before=1, pain_after=2)
    return athlete


def _charted_days(page: Any, server: LiveServer, athlete: int) -> dict[str, list[date]]:
    """The days each time chart draws, from the API's report (volume: the weeks' Mondays)."""
    answer = page.request.get(f"{server.url}/api/v1/athletes/{athlete}/progress")
    assert answer.ok, answer.text()
    report = answer.json()
    return {
        "chart-volume": [date.fromisoformat(w["week_start"]) for w in report["volume"]],
        "chart-e1rm": [date.fromisoformat(p["day"]) for p in report["e1rm"]],
        "chart-pain": [date.fromisoformat(p["day"]) for p in report["pain"]],
    }


def _axis(page: Any, chart: str) -> tuple[datetime, datetime, list[str]]:
    box = page.get_by_test_id(chart)
    box.locator("canvas").wait_for()
    low, high = (float(v) for v in box.get_attribute("data-x-range").split(","))
    labels = box.get_attribute("data-x-labels").split("|")
    return datetime.fromtimestamp(low, UTC), datetime.fromtimestamp(high, UTC), labels


def _label_day(label: str, low: datetime, high: datetime) -> date:
    """The day a "2 Dec" label names, in the year of the range that holds it."""
    match = DAY_LABEL.match(label)
    assert match, f"{label!r} is not a day's label"
    month = MONTHS.index(match.group(2)) + 1
    for year in {low.year, high.year}:
        candidate = date(year, month, int(match.group(1)))
        if low.date() <= candidate <= high.date():
            return candidate
    raise AssertionError(f"{label!r} is outside the axis {low:%Y-%m-%d}..{high:%Y-%m-%d}")


def _assert_days_axis_around(page: Any, charted: dict[str, list[date]]) -> None:
    for chart, days in charted.items():
        assert days, f"{chart}: the report has no points"
        low, high, labels = _axis(page, chart)
        assert len(labels) >= 2, f"{chart}: too few ticks {labels}"
        assert len(set(labels)) == len(labels), f"{chart}: repeated labels {labels}"
        ticks = [_label_day(label, low, high) for label in labels]
        assert ticks == sorted(ticks)
        # the data with at least 3 days of room either side, and not much more
        assert low.date() <= min(days) - timedelta(days=3)
        assert high.date() >= max(days) + timedelta(days=3)
        assert (high - low) <= timedelta(days=(max(days) - min(days)).days + 10)


def test_a_week_of_sessions_gets_an_axis_of_days_when_on_a_phone(
    server: LiveServer, phone: Any
) -> None:
    athlete = _history(server, "axisweek", (7, 5, 3, 1))
    sign_in(phone, server, "axisweek")
    phone.goto(server.url + "/#/progress")
    _assert_days_axis_around(phone, _charted_days(phone, server, athlete))


def test_a_single_session_gets_an_axis_of_days_around_it_when_on_a_phone(
    server: LiveServer, phone: Any
) -> None:
    athlete = _history(server, "axisone", (2,))
    sign_in(phone, server, "axisone")
    phone.goto(server.url + "/#/progress")
    _assert_days_axis_around(phone, _charted_days(phone, server, athlete))


def test_months_of_history_get_month_labels_that_fit_a_phone_chart(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("axismonths")
    sign_in(phone, server, "axismonths")
    first = datetime(2026, 3, 2, tzinfo=UTC).timestamp()
    days = [first + week * 7 * DAY_S for week in range(36)]  # eight months of weekly sessions
    axis = phone.evaluate(
        "async ([days, width]) => (await import('/static/js/charts.js')).timeAxis(days, width)",
        [days, 300],
    )
    labels = axis["labels"]
    assert 2 <= len(labels) <= (300 - 56) // 64
    assert all(MONTH_LABEL.match(label) for label in labels), labels
    assert labels[0].endswith("2026")
    assert axis["range"][0] <= days[0] - 3 * DAY_S and axis["range"][1] >= days[-1] + 3 * DAY_S
    assert all(axis["range"][0] <= tick <= axis["range"][1] for tick in axis["ticks"])
