"""The server loads nothing from elsewhere: no page of it refers to a CDN."""

from __future__ import annotations

from api_support import Api


def test_the_interactive_documentation_pages_that_load_from_a_cdn_are_off(api: Api) -> None:
    for page in ("/docs", "/redoc"):
        answer = api.client.get(page)
        assert answer.status_code == 404
        assert "cdn" not in answer.text.lower()
    assert api.client.get("/openapi.json").status_code == 200
