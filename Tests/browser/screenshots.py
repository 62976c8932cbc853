"""The web page's screenshots of the docs, in French, 1280 px wide (scripts/web-screenshots.sh):

    web-compare.png  the results for Liège → Twiza: heading, options table, chart and map (the first direction)
    web-plan.png     a saved plan's page (status "prévu", notes), whole page

    python3 Tests/browser/screenshots.py docs/images
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from flows import compare, save_option, sign_in  # noqa: E402
from trajet_server import TrajetServer  # noqa: E402


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with TrajetServer() as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
        context = browser.new_context(locale="fr-BE", viewport={"width": 1280, "height": 900})
        page = context.new_page()

        compare(page, server, return_date="2026-07-25")
        figures = page.locator("section.direction").first.locator(".figures").bounding_box()
        height = int(figures["y"] + figures["height"] + 24)
        page.screenshot(path=str(out / "web-compare.png"), clip={"x": 0, "y": 0, "width": 1280, "height": height},
                        full_page=True)

        sign_in(page, server, "asmae")
        compare(page, server, return_date="2026-07-25")
        save_option(page, 1, "Échange Twiza — été 2026", return_number=1)
        page.select_option("#new-status", "planned")
        with page.expect_navigation():
            page.locator("form", has=page.locator("#new-status")).locator("button[type=submit]").click()
        page.fill("#notes", "Passeports et autorisations de sortie du territoire à vérifier avant le 1er juin.")
        with page.expect_navigation():
            page.locator("form", has=page.locator("#notes")).locator("button[type=submit]").click()
        page.screenshot(path=str(out / "web-plan.png"), full_page=True)
        browser.close()
    for name in ("web-compare.png", "web-plan.png"):
        print(f"{out / name}: {(out / name).stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images"))
