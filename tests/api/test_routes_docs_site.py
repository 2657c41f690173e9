"""``/docs-site/``: the built documentation site, served with the pages' security headers, or
a 404 page saying how to build it."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from api_support import Api

from revhyper.settings import Settings
from revhyper.web.pages import PAGE_HEADERS

INLINE = "__md_scope=new URL('.',location)"
PAGE = (
    "<!doctype html><html><head><script>" + INLINE + "</script>"
    '<script id="__config" type="application/json">{"base": "."}</script>'
    '<script src="assets/bundle.js"></script></head><body><h1>revhyper docs</h1></body></html>'
)


def build_site(folder: Path) -> Path:
    """A small built site: a home page with an inline script, a guide page, a style, a 404."""
    (folder / "guide").mkdir(parents=True)
    (folder / "assets").mkdir()
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    (folder / "guide" / "index.html").write_text("<h1>Guide</h1>", encoding="utf-8")
    (folder / "assets" / "main.css").write_text("body { margin: 0 }", encoding="utf-8")
    (folder / "404.html").write_text("<h1>No such page in the docs</h1>", encoding="utf-8")
    return folder


@pytest.fixture
def built(api: Api) -> Api:
    assert api.settings.docs_site_dir is not None
    build_site(api.settings.docs_site_dir)
    return api


def test_home_page_is_served_with_the_pages_security_headers_when_the_site_is_built(
    built: Api,
) -> None:
    answer = built.client.get("/docs-site/")
    assert answer.status_code == 200
    assert "<h1>revhyper docs</h1>" in answer.text
    for name in ("X-Content-Type-Options", "Referrer-Policy", "Cache-Control"):
        assert answer.headers[name] == PAGE_HEADERS[name]
    policy = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_page_policy_allows_exactly_its_own_inline_scripts_when_the_page_has_some(
    built: Api,
) -> None:
    policy = built.client.get("/docs-site/").headers["Content-Security-Policy"]
    digest = base64.b64encode(hashlib.sha256(INLINE.encode()).digest()).decode()
    script_src = next(part for part in policy.split("; ") if part.startswith("script-src"))
    assert script_src == f"script-src 'self' 'sha256-{digest}'"


def test_folder_address_serves_its_index_and_an_asset_its_file_when_built(built: Api) -> None:
    guide = built.client.get("/docs-site/guide/")
    style = built.client.get("/docs-site/assets/main.css")
    assert (guide.status_code, guide.text) == (200, "<h1>Guide</h1>")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")
    assert style.headers["X-Content-Type-Options"] == "nosniff"


def test_address_without_the_final_slash_redirects_to_the_site(built: Api) -> None:
    answer = built.client.get("/docs-site", follow_redirects=False)
    assert answer.status_code == 308
    assert answer.headers["location"] == "/docs-site/"


def test_head_answers_200_without_a_body_when_the_site_is_built(built: Api) -> None:
    answer = built.client.head("/docs-site/")
    assert answer.status_code == 200
    assert answer.content == b""


def test_missing_page_gets_the_sites_own_404_page_when_built(built: Api) -> None:
    answer = built.client.get("/docs-site/no-such-page/")
    assert answer.status_code == 404
    assert "No such page in the docs" in answer.text


@pytest.mark.parametrize("escape", ["%2e%2e/%2e%2e/api.db", "..%2f..%2fapi.db", "%2fetc/passwd"])
def test_path_out_of_the_site_is_404_when_it_climbs_out_of_its_folder(
    built: Api, escape: str
) -> None:
    answer = built.client.get("/docs-site/" + escape)
    assert answer.status_code == 404
    assert "SQLite" not in answer.text and "root:" not in answer.text


def test_friendly_404_says_how_to_build_when_no_site_was_built(api: Api) -> None:
    for address in ("/docs-site/", "/docs-site/guide/"):
        answer = api.client.get(address)
        assert answer.status_code == 404
        assert "make docs" in answer.text and "REVHYPER_DOCS_SITE_DIR" in answer.text
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert api.client.head("/docs-site/").status_code == 404


def test_site_is_off_when_the_setting_is_empty(make_api: Callable[..., Api]) -> None:
    api = make_api(docs_site_dir=None)
    assert api.client.get("/docs-site/").status_code == 404


def test_setting_reads_the_folder_from_the_environment_and_empty_means_none() -> None:
    chosen = Settings(environ={"REVHYPER_DOCS_SITE_DIR": "/srv/revhyper-docs"})
    assert chosen.docs_site_dir == Path("/srv/revhyper-docs")
    assert Settings(environ={"REVHYPER_DOCS_SITE_DIR": ""}).docs_site_dir is None


def test_setting_defaults_to_the_checkouts_site_folder_when_run_from_a_checkout() -> None:
    checkout = Path(__file__).resolve().parents[2]
    assert Settings(environ={}).docs_site_dir == checkout / "site"


def test_unknown_query_parameter_is_refused_with_the_allowed_one_named(built: Api) -> None:
    answer = built.client.get("/docs-site/", params={"q": "x"})
    assert answer.status_code == 422
    assert "'q'" in answer.text and "allowed h" in answer.text
    assert built.client.get("/docs-site/", params={"h": "load"}).status_code == 200
