"""Fixtures of the browser tests: one `trajet serve` with data for the session (trajet_server.py), Debian's Chromium
driven by Playwright, and a fresh browser context per test whose pages are watched for what must never happen
(a dialog, an uncaught script error, a Content-Security-Policy violation, a failed stylesheet or script).

Environment: TRAJET_BIN (default .build/debug/trajet), CHROMIUM (default /usr/bin/chromium), AXE_JS (axe.min.js;
default: Tests/browser/node_modules/axe-core/axe.min.js, else the copy bundled by the axe-playwright-python package).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from trajet_server import TrajetServer

# Lines printed at the end of the run (page weights, axe findings): pytest_terminal_summary below.
MEASURES: list[str] = []


def measure(line: str) -> None:
    MEASURES.append(line)


def pytest_terminal_summary(terminalreporter):
    if MEASURES:
        terminalreporter.section("browser-test measures and findings")
        for line in MEASURES:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def server():
    with TrajetServer() as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Watch:
    """What a page must never show; checked when the test ends."""
    dialogs: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    failed_assets: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        def on_dialog(dialog):
            self.dialogs.append(f"{dialog.type}: {dialog.message} at {page.url}")
            dialog.dismiss()

        def on_console(message):
            if message.type != "error":
                return
            text = message.text
            if "Content Security Policy" in text or "Content-Security-Policy" in text:
                self.csp_violations.append(f"{text} at {page.url}")
            elif not (message.location or {}).get("url", "").endswith("/favicon.ico"):
                self.console_errors.append(f"{text} at {page.url}")

        def on_response(response):
            kind = response.request.resource_type
            if kind in ("stylesheet", "script", "image", "font") and response.status >= 400:
                self.failed_assets.append(f"{response.status} {response.url}")

        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: self.page_errors.append(f"{error} at {page.url}"))
        page.on("console", on_console)
        page.on("response", on_response)

    def problems(self) -> list[str]:
        return ([f"dialog opened: {d}" for d in self.dialogs] + [f"script error: {e}" for e in self.page_errors]
                + [f"CSP violation: {c}" for c in self.csp_violations]
                + [f"asset failed: {a}" for a in self.failed_assets])


@pytest.fixture
def new_context(browser: Browser):
    """new_context(**options) -> (context, watch): French by default (Accept-Language fr-BE), 1280×900."""
    made: list[tuple[BrowserContext, Watch]] = []

    def make(**options) -> tuple[BrowserContext, Watch]:
        options.setdefault("locale", "fr-BE")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("accept_downloads", True)
        context = browser.new_context(**options)
        context.set_default_timeout(20_000)
        watch = Watch()
        context.on("page", watch.attach)
        made.append((context, watch))
        return context, watch

    yield make
    problems = [p for _, watch in made for p in watch.problems()]
    for context, _ in made:
        context.close()
    assert not problems, "the page did what it must never do:\n" + "\n".join(problems)


@pytest.fixture
def page(new_context) -> Page:
    context, _ = new_context()
    return context.new_page()


@pytest.fixture(scope="session")
def asmae_plan(browser: Browser, server: TrajetServer) -> dict:
    """A plan saved by asmae through the page (for the isolation and accessibility tests): id, name, the signed-in
    storage state."""
    from flows import compare, save_option, sign_in

    context = browser.new_context(locale="fr-BE")
    context.set_default_timeout(20_000)
    page = context.new_page()
    sign_in(page, server, "asmae")
    compare(page, server)
    name = "Échange Twiza été 2026 — plan asmae confidentiel"
    plan_id = save_option(page, 1, name)
    state = context.storage_state()
    context.close()
    return {"id": plan_id, "name": name, "state": state}


def axe_script() -> tuple[str, str]:
    """axe-core's axe.min.js and where it came from."""
    candidates = []
    if os.environ.get("AXE_JS"):
        candidates.append(Path(os.environ["AXE_JS"]))
    candidates.append(Path(__file__).parent / "node_modules/axe-core/axe.min.js")
    try:
        import axe_playwright_python

        candidates.append(Path(axe_playwright_python.__file__).parent / "axe.min.js")
    except ImportError:
        pass
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8"), str(path)
    pytest.fail("axe.min.js not found: npm install axe-core into Tests/browser, or pip install axe-playwright-python, "
                "or set AXE_JS")
