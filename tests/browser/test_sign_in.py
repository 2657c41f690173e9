"""Signing in and out of the web app, in Chromium."""

from __future__ import annotations

from typing import Any

from browser_support import LiveServer, serious_accessibility_violations, sign_in


def test_a_wrong_password_is_refused_on_the_page_with_the_servers_reason(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("wrongpass")
    phone.goto(server.url + "/#/login")
    phone.get_by_label("Account name").fill("wrongpass")
    phone.get_by_label("Password").fill("not the password at all")
    phone.get_by_role("button", name="Sign in").click()
    alert = phone.get_by_role("alert")
    alert.wait_for()
    assert "password" in alert.inner_text().lower()
    assert phone.get_by_role("navigation", name="Main").count() == 0


def test_signing_in_shows_the_app_and_signing_out_returns_to_the_form(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("signer")
    sign_in(phone, server, "signer")
    phone.goto(server.url + "/#/more")
    phone.get_by_text("Signed in as").wait_for()
    phone.get_by_role("button", name="Sign out").click()
    phone.get_by_role("button", name="Sign in").wait_for()
    phone.reload()
    phone.get_by_role("button", name="Sign in").wait_for()


def test_the_sign_in_page_has_no_serious_accessibility_violations(
    server: LiveServer, phone: Any
) -> None:
    phone.goto(server.url + "/#/login")
    phone.get_by_role("button", name="Sign in").wait_for()
    assert serious_accessibility_violations(phone) == []


def test_the_page_loads_nothing_from_another_origin(server: LiveServer, phone: Any) -> None:
    server.add_user("origins")
    requested: list[str] = []
    phone.on("request", lambda request: requested.append(request.url))
    sign_in(phone, server, "origins")
    assert requested
    assert all(url.startswith(server.url) for url in requested), requested
