"""Two tabs of one browser share the session cookie: a sign-in in one replaces the cookie the
other tab's CSRF token belongs to. The other tab takes the new session's token (or account)
from that sign-in at once, and a write made under one account is never sent under another."""

from __future__ import annotations

from typing import Any

from browser_support import PASSWORD, LiveServer, sign_in

#: A new athlete's profile, as the API takes it.
NEW_ATHLETE = {"goal": "hypertrophy", "level": "intermediate", "equipment": ["machine"]}


def _sign_in_again(page: Any, server: LiveServer, username: str) -> None:
    """The sign-in form in a tab whose browser is already signed in (the cookie is replaced)."""
    page.goto(server.url + "/#/login")
    page.get_by_label("Account name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: url.endswith("/#/"))
    page.locator("main h1").first.wait_for()


def _refusals(page: Any) -> list[str]:
    """Collects the URLs of the page's requests answered 403 (as they come)."""
    refused: list[str] = []
    page.on("response", lambda r: refused.append(r.url) if r.status == 403 else None)
    return refused


def _create_athlete_from(page: Any, name: str) -> Any:
    """Creates an athlete through the page's own API module; answers its reply or error."""
    return page.evaluate(
        """async ([body]) => {
          const { api } = await import('/static/js/api.js');
          try { return { ok: true, data: await api.post('/athletes', body) }; }
          catch (error) { return { ok: false, status: error.status, code: error.code }; }
        }""",
        [{"name": name, **NEW_ATHLETE}],
    )


def _athlete_names(page: Any, server: LiveServer) -> list[str]:
    answer = page.request.get(f"{server.url}/api/v1/athletes")
    assert answer.ok, answer.text()
    return [item["name"] for item in answer.json()["items"]]


def test_a_tab_writes_with_the_new_token_at_once_when_another_tab_signs_in_again(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("twotabs")
    sign_in(phone, server, "twotabs")
    other = phone.context.new_page()
    _sign_in_again(other, server, "twotabs")
    refused = _refusals(phone)
    answer = _create_athlete_from(phone, "Written from the first tab")
    assert answer["ok"], answer
    assert refused == [], "the first tab's write was refused for its CSRF token first"


def test_a_tab_follows_the_account_when_another_tab_signs_in_as_someone_else(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("tabfirst")
    server.add_user("tabsecond")
    sign_in(phone, server, "tabfirst")
    phone.goto(server.url + "/#/more")
    phone.get_by_text("Signed in as").wait_for()
    other = phone.context.new_page()
    _sign_in_again(other, server, "tabsecond")
    phone.get_by_role("main").get_by_text("tabsecond", exact=True).wait_for()


def test_a_write_refused_for_its_token_is_not_resent_when_the_session_is_someone_elses(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("stalefirst")
    server.add_user("stalesecond")
    sign_in(phone, server, "stalefirst")
    # The cookie becomes another account's while this page still holds the first account's
    # token: as a tab that was frozen in the background when another tab signed in.
    phone.evaluate(
        """async ([password]) => {
          const { setCsrfToken } = await import('/static/js/api.js');
          const body = new URLSearchParams({ username: 'stalesecond', password });
          await fetch('/api/v1/auth/session', { method: 'POST', body });
          setCsrfToken('the-first-accounts-token', 'stalefirst');
        }""",
        [PASSWORD],
    )
    answer = _create_athlete_from(phone, "Meant for the first account")
    assert answer == {"ok": False, "status": 403, "code": "csrf_failed"}
    assert "Meant for the first account" not in _athlete_names(phone, server)
