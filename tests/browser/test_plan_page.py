"""The Plan page in Chromium: screening questions, the refusal and its reasons, the plan form
for owners and coaches, and the week view."""

from __future__ import annotations

from typing import Any

from browser_support import LiveServer, serious_accessibility_violations, sign_in


def _programs_of(server: LiveServer, athlete_id: int) -> list[Any]:
    uow = server.uow()
    with uow:
        return list(uow.programs.list_for(athlete_id))


def _athlete_id(server: LiveServer, name: str) -> int:
    uow = server.uow()
    with uow:
        return int(uow.athletes.get(name).id)


def _open_the_plan_page(page: Any, server: LiveServer, username: str) -> None:
    """Sign in, wait for the sign-in page's own move to Today (else it can land after ours),
    then open the Plan page."""
    sign_in(page, server, username)
    page.wait_for_url(server.url + "/#/")
    page.goto(server.url + "/#/plan")
    page.get_by_role("heading", name="Plan", exact=True).wait_for()


def _answer_the_screening(page: Any, name: str) -> None:
    page.get_by_label("Name").fill(name)
    page.get_by_label("Goal").select_option("hypertrophy")
    page.get_by_label("Training experience").select_option("novice")
    page.get_by_role("checkbox", name="Bench").check()


def test_a_new_athlete_answers_the_screening_gets_a_plan_and_sees_the_week(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("newcomer")
    _open_the_plan_page(phone, server, "newcomer")
    _answer_the_screening(phone, "Nia")
    phone.get_by_label("Body mass (kg, optional)").fill("70")
    phone.get_by_role("button", name="Save my answers").click()
    phone.get_by_role("button", name="Make the plan").wait_for()
    phone.get_by_test_id("no-plan").wait_for()
    phone.get_by_label("Weeks").fill("2")
    phone.get_by_label("Sessions per week").fill("2")
    phone.get_by_role("button", name="Make the plan").click()
    phone.get_by_role("heading", name="Week 1").wait_for()
    today = phone.locator(".plan-day[aria-current='date']")
    assert today.count() == 1
    assert "Today" in today.inner_text()
    assert phone.get_by_role("heading", name="Week 2").count() == 1
    assert len(_programs_of(server, _athlete_id(server, "Nia"))) == 1


def test_an_answer_that_needs_clearance_shows_the_refusal_with_its_reasons_and_stores_no_plan(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("injured")
    _open_the_plan_page(phone, server, "injured")
    _answer_the_screening(phone, "Ivo")
    phone.get_by_role("checkbox", name="Herniated disc").check()
    phone.get_by_role("button", name="Save my answers").click()
    screening = phone.get_by_test_id("screening")
    screening.wait_for()
    assert "herniated-disc" in screening.inner_text()
    phone.get_by_role("button", name="Make the plan").click()
    refusal = phone.get_by_role("alert")
    refusal.wait_for()
    text = refusal.inner_text()
    assert "No plan was made" in text
    assert "clearance" in text
    assert "injury history (herniated-disc)" in text
    assert _programs_of(server, _athlete_id(server, "Ivo")) == []


def test_a_coach_writes_a_plan_for_a_granted_athlete(server: LiveServer, phone: Any) -> None:
    server.add_user("planowner")
    server.add_user("plancoach", "coach")
    athlete_id = server.add_athlete("planowner", "Ola")
    server.grant(athlete_id, "planowner", "plancoach", "coach")
    _open_the_plan_page(phone, server, "plancoach")
    phone.get_by_text("coach access").wait_for()
    assert phone.get_by_text("Change the profile").count() == 0
    phone.get_by_role("button", name="Make the plan").click()
    phone.get_by_role("heading", name="Week 1").wait_for()
    assert len(_programs_of(server, athlete_id)) == 1


def test_a_read_grantee_sees_the_plan_but_no_plan_form(server: LiveServer, phone: Any) -> None:
    server.add_user("readowner")
    server.add_user("reader", "coach")
    athlete_id = server.add_athlete("readowner", "Rae")
    server.grant(athlete_id, "readowner", "reader", "read")
    from revhyper.services import programs

    programs.create_program(server.uow(), athlete_id, weeks=1, days_per_week=2)
    _open_the_plan_page(phone, server, "reader")
    phone.get_by_role("heading", name="Week 1").wait_for()
    assert phone.get_by_text("You can read this plan").is_visible()
    assert phone.get_by_role("button", name="Make the plan").count() == 0
    assert phone.get_by_role("form").count() == 0


def test_the_plan_page_has_no_serious_accessibility_violations_on_phone_and_desktop(
    server: LiveServer, phone: Any, desktop: Any
) -> None:
    server.add_user("axeplanner")
    athlete_id = server.add_athlete("axeplanner", "Axel")
    from revhyper.services import programs

    programs.create_program(server.uow(), athlete_id, weeks=2, days_per_week=3)
    server.add_user("axenewcomer")
    _open_the_plan_page(phone, server, "axenewcomer")
    phone.get_by_role("button", name="Save my answers").wait_for()
    assert serious_accessibility_violations(phone) == []
    phone.context.clear_cookies()
    phone.reload()
    phone.get_by_role("button", name="Sign in").wait_for()
    for page in (phone, desktop):
        _open_the_plan_page(page, server, "axeplanner")
        page.get_by_role("heading", name="Week 1").wait_for()
        page.get_by_text("Change the profile").click()
        assert serious_accessibility_violations(page) == []
    days = desktop.locator(".plan-week[open] .plan-day")
    first, second = days.nth(0).bounding_box(), days.nth(1).bounding_box()
    assert first["y"] == second["y"], "days sit side by side on a wide screen"


def test_an_owner_who_got_clearance_says_so_in_the_profile_and_then_gets_a_plan(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("cleared")
    athlete_id = server.add_athlete("cleared", "Cleo", injury=["back-injury"])
    _open_the_plan_page(phone, server, "cleared")
    phone.get_by_role("heading", name="A doctor's clearance is needed before a plan").wait_for()
    phone.get_by_text("Change the profile").click()
    phone.get_by_label("A doctor or physiotherapist has cleared me").check()
    phone.get_by_role("button", name="Save the changes").click()
    phone.get_by_text("Saved.").wait_for()
    phone.get_by_role("heading", name="Cleared", exact=False).wait_for()
    assert phone.get_by_text("A doctor's clearance is needed").count() == 0
    phone.get_by_role("button", name="Make the plan").click()
    phone.get_by_role("heading", name="Week 1").wait_for()
    assert len(_programs_of(server, athlete_id)) == 1


def test_answers_without_equipment_are_refused_with_the_servers_reason(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("noequipment")
    _open_the_plan_page(phone, server, "noequipment")
    phone.get_by_label("Name").fill("Eda")
    phone.get_by_role("button", name="Save my answers").click()
    alert = phone.get_by_role("alert")
    alert.wait_for()
    assert "equipment" in alert.inner_text()
    assert phone.get_by_role("button", name="Make the plan").count() == 0
