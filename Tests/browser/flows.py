"""What a coordinator does on the page, step by step, as the tests and the screenshots repeat it.

Labels come from the page's own words (Sources/TrajetWeb/Words/{fr,en}.txt), read here, so a reworded label does
not break a test while a missing or misplaced one does.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlencode

from playwright.sync_api import Page, Response

from trajet_server import ROOT, TrajetServer

# The reference search of the tests: Liège → Mouvement Twiza (Khemisset), 12 young people + 2 leaders, minors.
SEARCH = {"from": "Liège", "to": "twiza", "date": "2026-07-04", "young": "12", "leaders": "2", "minors": "on"}
PLAN_YEAR = "2026"


@lru_cache(maxsize=None)
def words(language: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for raw in (ROOT / "Sources/TrajetWeb/Words" / f"{language}.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        table[key.strip()] = value.strip()
    return table


def routes_path(**changes: str) -> str:
    query = dict(SEARCH)
    query.update(changes)
    return "/routes?" + urlencode({k: v for k, v in query.items() if v is not None})


def compare(page: Page, server: TrajetServer, *, to: str = "twiza", date: str = SEARCH["date"],
            return_date: str | None = None, start: bool = True) -> Response | None:
    """Fill the search form on `/` (or on the page already open when start=False) and submit it."""
    if start:
        page.goto(server.url("/"))
    page.fill("#from", SEARCH["from"])
    page.select_option("#to", to)
    page.fill("#date", date)
    if return_date:
        page.fill("#return", return_date)
    page.fill("#young", SEARCH["young"])
    page.fill("#leaders", SEARCH["leaders"])
    page.check("input[name=minors]")
    with page.expect_navigation() as navigation:
        page.click("form#search button[type=submit]")
    page.wait_for_load_state()
    return navigation.value


def sign_in(page: Page, server: TrajetServer, organisation: str, *, start: bool = True) -> Response | None:
    """Sign in with the organisation's key (from /signin, or on the sign-in page already open)."""
    if start:
        page.goto(server.url("/signin"))
    page.fill("#key", server.keys[organisation])
    with page.expect_navigation() as navigation:
        page.click("main form button[type=submit]")
    page.wait_for_load_state()
    return navigation.value


def save_option(page: Page, number: int, name: str, return_number: int | None = None) -> str:
    """On a results page, signed in as a planner: save outbound option `number` as a plan; returns the plan id."""
    form = page.locator(f"article#outbound-{number} form.save")
    form.locator("input[name=name]").fill(name)
    if return_number is not None:
        form.locator("select[name=returnPick]").select_option(str(return_number))
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    response = navigation.value
    assert response is not None and response.status == 200, (
        f"saving option {number} answered {response and response.status} at {page.url}: {main_text(page)[:500]}")
    match = re.search(r"/plans/([^/?#]+)\?saved=1", page.url)
    assert match, f"after saving, expected /plans/ID?saved=1, got {page.url}"
    return match.group(1)


def main_text(page: Page) -> str:
    try:
        return page.locator("main").inner_text(timeout=2000)
    except Exception:  # noqa: BLE001 - a diagnostic only
        return page.content()[:2000]


def header_link(page: Page, text: str):
    return page.locator("header.top nav a", has_text=text)
