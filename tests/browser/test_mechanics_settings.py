"""The Mechanics and Settings pages in Chromium: units, the plate inventory and its answers,
backups in and out, and the moment chart redrawn from the API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
from browser_support import PASSWORD, LiveServer, serious_accessibility_violations, sign_in

DATA = Path(__file__).resolve().parents[1] / "data"


def _log_set(server: LiveServer, owner: str, athlete_id: int, load_kg: float) -> None:
    with httpx.Client(base_url=server.url) as client:
        token = client.post(
            "/api/v1/auth/token", data={"username": owner, "password": PASSWORD}
        ).json()["access_token"]
        answer = client.post(
            f"/api/v1/athletes/{athlete_id}/sets",
            json={"variation": "machine-reverse-hyper", "reps": 10, "load_kg": load_kg},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert answer.status_code == 201, answer.text


def _open(page: Any, server: LiveServer, username: str, route: str) -> None:
    """Sign in, let the app land on its first page, then go to ``#/route``."""
    sign_in(page, server, username)
    page.locator("main h1").wait_for()
    page.goto(f"{server.url}/#/{route}")


def _open_settings(page: Any, server: LiveServer, username: str) -> None:
    _open(page, server, username, "settings")
    page.get_by_role("heading", name="Back up").wait_for()


def test_switching_to_pounds_shows_plate_answers_in_pounds_while_loads_stay_in_kilograms(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("unitswitch")
    athlete = server.add_athlete("unitswitch", "Uma", body_mass=80)
    _log_set(server, "unitswitch", athlete, 40)
    _open_settings(phone, server, "unitswitch")
    phone.get_by_label("Pounds (lb)").click()
    phone.get_by_label("Target load, arm included (lb)").fill("135")
    phone.get_by_role("button", name="Show plates").click()
    answer = phone.locator(".plate-answer")
    answer.wait_for()
    assert "45 + 45 + 45 lb" in answer.inner_text()
    assert [row.load_kg for row in server.stored_sets(athlete)] == [40]
    with server.uow() as uow:
        profile = uow.athletes.get(athlete).profile
    assert profile.unit.value == "lb"
    assert profile.body_mass_kg == 80


def test_a_saved_plate_inventory_is_what_the_plate_answer_uses(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("inventory")
    server.add_athlete("inventory", "Ivo")
    _open_settings(phone, server, "inventory")
    phone.get_by_label("Plates you have (kg)").fill("15x2,2.5x2")
    phone.get_by_role("button", name="Save plates").click()
    phone.get_by_role("status").filter(has_text="Plates saved").wait_for()
    phone.get_by_label("Target load, arm included (kg)").fill("40")
    phone.get_by_role("button", name="Show plates").click()
    answer = phone.locator(".plate-answer")
    answer.wait_for()
    assert "15 + 15 + 2.5 + 2.5 kg" in answer.inner_text()
    assert "short" in answer.inner_text()


def test_a_bad_plate_list_shows_the_servers_reason(server: LiveServer, phone: Any) -> None:
    server.add_user("badplates")
    server.add_athlete("badplates", "Bea")
    _open_settings(phone, server, "badplates")
    phone.get_by_label("Plates you have (kg)").fill("lots")
    phone.get_by_role("button", name="Save plates").click()
    assert phone.get_by_role("alert").inner_text()


def test_the_backup_downloads_as_a_json_file(server: LiveServer, phone: Any) -> None:
    server.add_user("exporter")
    athlete = server.add_athlete("exporter", "Eda")
    _log_set(server, "exporter", athlete, 30)
    _open_settings(phone, server, "exporter")
    with phone.expect_download() as waiting:
        phone.get_by_role("link", name="Download the JSON backup").click()
    download = waiting.value
    assert download.suggested_filename.endswith(".json")
    document = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert document["format"].startswith("revhyper-backup")


def test_importing_a_strong_export_shows_what_it_added(server: LiveServer, phone: Any) -> None:
    server.add_user("importer")
    athlete = server.add_athlete("importer", "Ira")
    _open_settings(phone, server, "importer")
    phone.get_by_label("File to import").set_input_files(str(DATA / "strong_export.csv"))
    phone.get_by_role("button", name="Import", exact=True).click()
    summary = phone.get_by_role("status").filter(has_text="Imported strong_export.csv")
    summary.wait_for()
    assert "sets added" in summary.inner_text()
    assert server.stored_sets(athlete)


def test_a_file_with_a_bad_row_is_refused_naming_the_line_or_imported_without_it(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("badrows")
    server.add_athlete("badrows", "Rob")
    _open_settings(phone, server, "badrows")
    phone.get_by_label("File to import").set_input_files(str(DATA / "strong_short_row.csv"))
    phone.get_by_role("button", name="Import", exact=True).click()
    assert "line 3" in phone.get_by_role("alert").inner_text()
    phone.get_by_label("Import the good rows and list the bad ones").check()
    phone.get_by_role("button", name="Import", exact=True).click()
    summary = phone.get_by_role("status").filter(has_text="Imported strong_short_row.csv")
    summary.wait_for()
    assert "Line 3" in summary.inner_text()


def test_the_mechanics_summary_changes_when_body_mass_changes(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("mechanic")
    server.add_athlete("mechanic", "Max", body_mass=80, height=1.8)
    _open(phone, server, "mechanic", "mechanics")
    peak = phone.locator(".mechanics-summary .peak").first
    peak.wait_for()
    phone.locator(".mechanics-chart canvas").first.wait_for()
    before = peak.inner_text()
    phone.get_by_label("Body mass (kg)").fill("120")
    phone.get_by_label("Body mass (kg)").press("Enter")
    phone.wait_for_function(
        "before => document.querySelector('.mechanics-summary .peak').textContent !== before",
        arg=before,
    )
    assert peak.inner_text() != before


def test_both_pages_have_no_serious_accessibility_violations(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("axecheck")
    server.add_athlete("axecheck", "Axel", body_mass=70, height=1.7)
    _open(phone, server, "axecheck", "mechanics")
    phone.locator(".mechanics-chart canvas").first.wait_for()
    assert serious_accessibility_violations(phone) == []
    phone.goto(server.url + "/#/settings")
    phone.get_by_role("heading", name="Units").wait_for()
    assert serious_accessibility_violations(phone) == []


def test_a_machine_added_on_the_page_gives_plate_answers_from_its_own_plates(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("twogyms")
    athlete = server.add_athlete("twogyms", "Tess")
    _open_settings(phone, server, "twogyms")
    phone.get_by_text("Add a machine").click()
    phone.get_by_label("Machine name").fill("Back room")
    phone.get_by_label("Plates by this machine (kg)").fill("25x2")
    phone.get_by_role("button", name="Add machine").click()
    phone.get_by_role("heading", name="Back room").wait_for()
    phone.get_by_label("Machine", exact=True).select_option(label="Back room")
    phone.get_by_label("Target load, arm included (kg)").fill("60")
    phone.get_by_role("button", name="Show plates").click()
    answer = phone.locator(".plate-answer")
    answer.wait_for()
    assert "25 + 25 kg" in answer.inner_text()
    with server.uow() as uow:
        (machine,) = uow.machines.of_athlete(athlete)
    assert machine.plates.describe() == "25x2"
