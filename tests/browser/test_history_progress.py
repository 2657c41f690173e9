"""The History and Progress pages in Chromium: sessions over several weeks, filtered, paged
and corrected; the progress charts drawn from the API's figures, with tables of the same."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from browser_support import LiveServer, serious_accessibility_violations, sign_in

from revhyper.domain.training.log import SetKind, SetRecord
from revhyper.domain.vocabulary import VariationId
from revhyper.services import training

MACHINE = VariationId.MACHINE_REVERSE_HYPER
BENCH = VariationId.BENCH_REVERSE_HYPER
#: Days ago of the seeded sessions: five sessions over four weeks.
DAYS_AGO = (28, 21, 14, 7, 1)


def _sets(week: int) -> list[SetRecord]:
    """A warm-up and two working sets on the machine, 2.5 kg heavier each week."""
    load = 30.0 + 2.5 * week
    return [
        SetRecord(variation=MACHINE, reps=10, load_kg=20.0, kind=SetKind.WARMUP),
        SetRecord(variation=MACHINE, reps=12, load_kg=load, rpe=7.0, pain=1),
        SetRecord(variation=MACHINE, reps=11, load_kg=load, rpe=8.0, pain=2),
    ]


def _seeded(server: LiveServer, username: str, unit: str = "kg") -> int:
    """An athlete of ``username`` with five sessions over four weeks; the last has a bench set."""
    server.add_user(username)
    athlete = server.add_athlete(username, f"{username} athlete", unit=unit)
    today = date.today()
    for week, ago in enumerate(DAYS_AGO):
        sets = _sets(week)
        if ago == 1:
            sets.append(SetRecord(variation=BENCH, reps=15, load_kg=0.0, rpe=6.0))
        training.log_session(
            server.uow(), athlete, today - timedelta(days=ago), sets, pain_before=1, pain_after=2
        )
    return athlete


def _api(page: Any, server: LiveServer, path: str) -> Any:
    answer = page.request.get(f"{server.url}/api/v1{path}")
    assert answer.ok, answer.text()
    return answer.json()


def _no_horizontal_scroll(page: Any) -> bool:
    return bool(
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    )


def _sessions(page: Any) -> Any:
    return page.locator(".history-sessions > li")


def test_history_shows_the_sessions_newest_first_with_their_sets_in_the_athletes_unit(
    server: LiveServer, phone: Any
) -> None:
    _seeded(server, "histlb", unit="lb")
    sign_in(phone, server, "histlb")
    phone.goto(server.url + "/#/history")
    phone.get_by_text("Sessions 1–5 of 5").first.wait_for()
    cards = _sessions(phone)
    assert cards.count() == 5
    newest = cards.first.inner_text()
    assert "15 × 0 lb" in newest and "Bench" in newest
    oldest = cards.last.inner_text()
    assert "12 × 66.1 lb" in oldest  # 30 kg in pounds
    assert "warm-up" in oldest and "RPE 7" in oldest and "pain 1/10" in oldest
    assert _no_horizontal_scroll(phone)
    assert serious_accessibility_violations(phone) == []


def test_the_filter_narrows_the_history_to_a_variation_and_a_kind_of_set(
    server: LiveServer, phone: Any
) -> None:
    _seeded(server, "histfilter")
    sign_in(phone, server, "histfilter")
    phone.goto(server.url + "/#/history")
    phone.get_by_text("Sessions 1–5 of 5").first.wait_for()
    phone.get_by_text("Filter", exact=True).click()
    phone.get_by_label("Variation").select_option(BENCH.value)
    phone.get_by_role("button", name="Show").click()
    phone.get_by_text("Sessions 1–1 of 1").first.wait_for()
    assert "15 ×" in _sessions(phone).first.inner_text()
    phone.get_by_label("Variation").select_option("")
    phone.get_by_label("Kind of set").select_option("warmup")
    phone.get_by_label("From").fill((date.today() - timedelta(days=15)).isoformat())
    phone.get_by_role("button", name="Show").click()
    phone.get_by_text("Sessions 1–3 of 3").first.wait_for()
    for index in range(3):
        text = _sessions(phone).nth(index).inner_text()
        assert "10 × 20 kg" in text and "12 ×" not in text
    assert serious_accessibility_violations(phone) == []


def test_the_owner_edits_a_set_and_deletes_one_after_confirming_and_the_store_follows(
    server: LiveServer, phone: Any
) -> None:
    athlete = _seeded(server, "histedit")
    target = server.stored_sets(athlete)[-1]  # the bench set, newest session
    sign_in(phone, server, "histedit")
    phone.goto(server.url + "/#/history")
    newest = _sessions(phone).first
    newest.get_by_role("button", name="Edit set 4").click()
    phone.get_by_label("Reps").fill("18")
    phone.get_by_label("Load (kg)").fill("5")
    phone.get_by_label("RPE").fill("7.5")
    assert serious_accessibility_violations(phone) == []
    phone.get_by_role("button", name="Save changes").click()
    newest.get_by_text("18 × 5 kg").wait_for()
    stored = next(s for s in server.stored_sets(athlete) if s.id == target.id)
    assert (stored.reps, stored.load_kg, stored.rpe) == (18, 5.0, 7.5)

    newest.get_by_role("button", name="Delete set 4").click()
    phone.get_by_role("button", name="Keep it").click()
    assert any(s.id == target.id for s in server.stored_sets(athlete))
    newest.get_by_role("button", name="Delete set 4").click()
    phone.get_by_role("button", name="Yes, delete").click()
    newest.get_by_text("18 × 5 kg").wait_for(state="detached")
    assert all(s.id != target.id for s in server.stored_sets(athlete))


def test_a_refused_edit_shows_the_servers_reason_and_stores_nothing(
    server: LiveServer, phone: Any
) -> None:
    athlete = _seeded(server, "histbad")
    before = [(s.id, s.reps) for s in server.stored_sets(athlete)]
    sign_in(phone, server, "histbad")
    phone.goto(server.url + "/#/history")
    _sessions(phone).first.get_by_role("button", name="Edit set 1").click()
    phone.get_by_label("Reps").fill("500")
    phone.get_by_role("button", name="Save changes").click()
    assert "reps" in phone.get_by_role("alert").inner_text().lower()
    assert [(s.id, s.reps) for s in server.stored_sets(athlete)] == before


def test_a_reader_sees_the_history_without_edit_or_delete_buttons(
    server: LiveServer, phone: Any
) -> None:
    athlete = _seeded(server, "histowner")
    server.add_user("histreader")
    server.grant(athlete, "histowner", "histreader", "read")
    sign_in(phone, server, "histreader")
    phone.goto(server.url + "/#/history")
    phone.get_by_text("Sessions 1–5 of 5").first.wait_for()
    assert phone.get_by_role("button", name="Edit set 1").count() == 0
    assert phone.get_by_role("button", name="Delete set 1").count() == 0


def _table_rows(page: Any, figure_id: str) -> list[list[str]]:
    rows = page.locator(f"#{figure_id}-table tbody tr")
    return [row.locator("td").all_inner_texts() for row in rows.all()]


def test_progress_draws_its_charts_and_their_tables_show_the_apis_numbers(
    server: LiveServer, phone: Any
) -> None:
    athlete = _seeded(server, "progress")
    sign_in(phone, server, "progress")
    phone.goto(server.url + "/#/progress")
    for chart in ("chart-volume", "chart-e1rm", "chart-pain"):
        phone.get_by_test_id(chart).locator("canvas").wait_for()
    report = _api(phone, server, f"/athletes/{athlete}/progress")

    volume = phone.get_by_role("region", name="Weekly volume")
    volume.get_by_role("button", name="Show the numbers").click()
    rows = _table_rows(phone, "volume")
    assert [row[1:4] for row in rows] == [
        [str(w["sessions"]), str(w["sets"]), str(w["reps"])] for w in report["volume"]
    ]
    assert [row[4] for row in rows] == [f"{w['volume_load_kg']:g} kg" for w in report["volume"]]

    phone.get_by_role("region", name="Estimated 1RM").get_by_role(
        "button", name="Show the numbers"
    ).click()
    e1rm = [row[2] for row in _table_rows(phone, "e1rm")]
    assert e1rm == [f"{round(p['e1rm_kg'], 1):g} kg" for p in report["e1rm"]]

    records = phone.get_by_test_id("records").locator("tbody tr")
    assert records.count() == len(report["records"])
    best = [r for r in report["records"] if r["kind"] == "heaviest load"]
    assert any(f"{best[0]['value']:g} kg" in text for text in records.all_inner_texts())

    phone.get_by_role("region", name="Back pain").get_by_role(
        "button", name="Show the numbers"
    ).click()
    pain = _table_rows(phone, "pain")
    assert [row[1] for row in pain] == [f"{p['before']}/10" for p in report["pain"]]
    assert _no_horizontal_scroll(phone)
    assert serious_accessibility_violations(phone) == []


def test_the_charts_follow_the_width_of_the_screen_when_it_turns(
    server: LiveServer, phone: Any
) -> None:
    _seeded(server, "progressturn")
    sign_in(phone, server, "progressturn")
    phone.goto(server.url + "/#/progress")
    canvas = phone.get_by_test_id("chart-volume").locator("canvas")
    canvas.wait_for()
    narrow = canvas.bounding_box()["width"]
    phone.set_viewport_size({"width": 740, "height": 360})
    phone.wait_for_function(
        "w => document.querySelector('[data-testid=chart-volume] canvas')"
        ".getBoundingClientRect().width > w + 100",
        arg=narrow,
    )
    assert narrow <= 360
    assert _no_horizontal_scroll(phone)
