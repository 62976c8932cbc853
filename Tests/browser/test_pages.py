"""The coordinators' web page in a real browser (Chromium): comparing, languages, plans, reports, isolation between
organisations, without JavaScript, on a phone, and the weight of the results page."""

from __future__ import annotations

import time

from conftest import measure
from flows import PLAN_YEAR, compare, header_link, main_text, routes_path, save_option, sign_in, words

FR, EN = words("fr"), words("en")


def check_results(page, direction: str = "outbound") -> int:
    """The results of one direction: a table of ≥2 options, the chart, the map with countries and route lines."""
    section = page.locator(f"section.direction[aria-labelledby=h-{direction}]")
    assert section.count() == 1, f"no {direction} section on {page.url}: {main_text(page)[:800]}"
    rows = section.locator("table.options tbody tr")
    assert rows.count() >= 2, f"{direction}: {rows.count()} option(s) in the table, expected at least 2"
    assert section.locator("table.options caption").is_visible()
    chart = section.locator("svg.chart-svg")
    assert chart.is_visible(), "no chart"
    assert chart.locator("g.point circle").count() >= 2, "the chart has fewer than 2 points"
    svg_map = section.locator("svg.map-svg")
    assert svg_map.is_visible(), "no map"
    countries = svg_map.locator("g.land path").count()
    assert countries >= 10, f"the map has {countries} country outlines"
    lines = svg_map.locator("g.route line").count()
    assert lines >= rows.count(), f"the map has {lines} route lines for {rows.count()} options"
    assert svg_map.locator("g.stop.end text").count() >= 2, "the map does not name both ends"
    box = svg_map.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 150, f"the map is drawn tiny: {box}"
    assert section.locator("article.option").count() == rows.count(), "one article per option expected"
    return rows.count()


def open_details(page, anchor: str = "outbound-1", word: dict = FR):
    article = page.locator(f"article.option#{anchor}")
    details = article.locator("details")
    assert details.get_attribute("open") is None, "details open before the click"
    legs = details.locator("li.leg")
    assert not legs.first.is_visible(), "legs visible before opening the details"
    article.locator("details > summary").click()
    assert details.get_attribute("open") is not None, "details not opened by clicking the summary"
    assert legs.count() >= 1 and legs.first.is_visible(), "no leg visible in the opened details"
    sources = details.locator("p.source")
    assert sources.count() == legs.count(), f"{sources.count()} source lines for {legs.count()} legs"
    first = sources.first.inner_text()
    assert first.startswith(word["source"].rstrip(" :").rstrip()), f"source line reads {first!r}"
    assert len(first) > len(word["source"]) + 3, f"source line without a source: {first!r}"
    return legs.count()


# a. Compare Liège → Twiza from the form.
def test_compare_liege_twiza(page, server):
    response = compare(page, server)
    assert response.status == 200, main_text(page)[:800]
    assert "/routes?" in page.url and "to=twiza" in page.url
    heading = page.locator("main h1").inner_text()
    assert "Liège" in heading and "→" in heading, heading
    options = check_results(page)
    legs = open_details(page)
    # Signed out: no save form, a link to sign in that comes back to this search.
    assert page.locator("form.save").count() == 0
    sign_in_link = page.locator("main a", has_text=FR["signin_to_save"])
    assert sign_in_link.count() == 1
    assert "next=" in sign_in_link.get_attribute("href")
    # The table's number links to the option's card.
    page.locator("table.options tbody tr").nth(1).locator("th a").click()
    assert page.url.endswith("#outbound-2")
    measure(f"a. Liège → Twiza: {options} outbound options; option 1 has {legs} legs")


# b. Language switch: heading changes, and the choice sticks on the next page.
def test_language_switch_sticks(new_context, server):
    context, _ = new_context(locale="en-US")
    page = context.new_page()
    page.goto(server.url("/"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main h1").inner_text() == EN["home_heading"]
    header_link(page, "Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("main h1").inner_text() == FR["home_heading"]
    assert page.locator("label[for=from]").inner_text() == FR["form_from"]
    # Next page, the browser still asking for English: French sticks (cookie).
    header_link(page, FR["signin"]).click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("main h1").inner_text() == FR["signin_title"]
    # On a results page the switch keeps the search.
    page.goto(server.url(routes_path()))
    assert page.locator("html").get_attribute("lang") == "fr"
    french_heading = page.locator("section.direction h2").first.inner_text()
    header_link(page, "English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "/routes?" in page.url and "to=twiza" in page.url, page.url
    assert page.locator("table.options").count() >= 1
    english_heading = page.locator("section.direction h2").first.inner_text()
    assert english_heading != french_heading, f"direction heading not translated: {english_heading!r}"
    page.goto(server.url("/"))
    assert page.locator("main h1").inner_text() == EN["home_heading"]


# c. Sign in, save a plan with a hostile name, status, reports, CSV, sign out.
def test_plan_flow_signed_in(new_context, server):
    context, watch = new_context()
    page = context.new_page()
    sign_in(page, server, "asmae")
    assert page.url.endswith("/plans"), page.url
    cookie = next(c for c in context.cookies() if c["name"] == "trajet_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict", cookie
    assert "Asmae" in page.locator("header .who").inner_text()

    compare(page, server)
    check_results(page)
    assert page.locator("form.save").count() >= 2, "no save form per outbound option when signed in as planner"
    assert page.locator("form.save input[name=csrf]").count() >= 2, "save forms without csrf"
    name = "<script>alert(1)</script> summer"
    plan_id = save_option(page, 1, name)

    heading = page.locator("main h1")
    assert heading.inner_text() == name, f"plan name shown as {heading.inner_text()!r}"
    assert page.evaluate("document.querySelectorAll('main script, main h1 *').length") == 0, "the name became markup"
    assert "&lt;script&gt;alert(1)&lt;/script&gt; summer" in page.content()
    assert page.locator("p.ok[role=status]").inner_text() == FR["plan_saved"]
    assert page.title().startswith(name), f"title {page.title()!r}"
    assert page.locator("table.legs-table tbody tr").count() >= 1, "the plan page shows no legs"
    assert not watch.dialogs

    # Listed on /plans (the link in the header), and the link opens it.
    header_link(page, FR["nav_plans"]).click()
    page.wait_for_load_state()
    row_link = page.locator("table.plans tbody th a", has_text="<script>alert(1)</script>")
    assert row_link.count() == 1, f"plan not listed: {main_text(page)[:800]}"
    row_link.click()
    page.wait_for_load_state()
    assert f"/plans/{plan_id}" in page.url

    # Status draft → planned.
    page.select_option("#new-status", "planned")
    with page.expect_navigation():
        page.locator("form", has=page.locator("#new-status")).locator("button[type=submit]").click()
    assert "changed=1" in page.url, page.url
    assert page.locator("dl.facts span.status").inner_text() == FR["status_planned"]
    assert page.locator("p.ok[role=status]").inner_text() == FR["plan_changed"]
    # Then planned → booked: the annual report's CSV counts booked and travelled plans only.
    page.select_option("#new-status", "booked")
    with page.expect_navigation():
        page.locator("form", has=page.locator("#new-status")).locator("button[type=submit]").click()
    assert page.locator("dl.facts span.status").inner_text() == FR["status_booked"]

    # Notes with markup stay text.
    page.fill("#notes", "Passeports <b>valides</b> & autorisations")
    with page.expect_navigation():
        page.locator("form", has=page.locator("#notes")).locator("button[type=submit]").click()
    assert page.locator("p.plan-notes").inner_text() == "Passeports <b>valides</b> & autorisations"
    assert page.locator("p.plan-notes b").count() == 0

    # Reports: the year's HTML report, then the CSV download.
    header_link(page, FR["nav_reports"]).click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text() == FR["reports_title"]
    page.select_option("#year", PLAN_YEAR)
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    assert f"year={PLAN_YEAR}" in page.url
    reports_url = page.url
    with page.expect_navigation() as navigation:
        page.locator("ul.downloads a", has_text=FR["report_html"]).click()
    report = navigation.value
    assert report.status == 200 and page.url.endswith(f"/reports/{PLAN_YEAR}.html"), (report.status, page.url)
    assert page.locator("h1").count() >= 1, "the HTML report has no <h1>"
    report_text = page.locator("body").inner_text()
    assert "summer" in report_text, "the plan is not in the HTML report"
    assert page.evaluate("document.querySelectorAll('body script').length") == 0, "the report has a script in it"
    styled = page.evaluate("getComputedStyle(document.body).fontFamily")
    measure(f"c. HTML report {PLAN_YEAR}: {len(page.content())} characters, body font {styled!r}")
    page.goto(reports_url)
    csv_link = page.locator("ul.downloads a", has_text=FR["report_csv"])
    with page.expect_download() as download_info:
        csv_link.click()
    download = download_info.value
    csv_text = open(download.path(), encoding="utf-8").read()
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    assert csv_text.count("\n") >= 2 and "summer" in csv_text, csv_text[:500]
    answer = context.request.get(server.url(csv_link.get_attribute("href")))
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/csv"), (
        answer.status, answer.headers)
    for label in ("report_json", "report_md"):
        href = page.locator("ul.downloads a", has_text=FR[label]).get_attribute("href")
        assert context.request.get(server.url(href)).status == 200, href

    # Sign out (the header's button), then /plans asks to sign in.
    page.locator("header.top form[action='/signout'] button").click()
    page.wait_for_url(server.url("/"))
    assert page.locator("header.top nav a", has_text=FR["signin"]).count() == 1
    response = page.goto(server.url("/plans"))
    assert "/signin" in page.url and "next=" in page.url, page.url
    assert page.locator("main h1").inner_text() == FR["signin_title"]
    assert response.status == 200
    assert not any(c["name"] == "trajet_session" and c["value"] for c in context.cookies())
    measure(f"c. plan {plan_id} saved, listed, planned then booked, reported; CSV {len(csv_text)} bytes "
            f"({csv_text.count(chr(10))} lines), named {download.suggested_filename}")


# d. The core flow with JavaScript off.
def test_core_flow_without_javascript(new_context, server):
    context, watch = new_context(java_script_enabled=False)
    page = context.new_page()
    response = compare(page, server, return_date="2026-07-25")
    assert response.status == 200, main_text(page)[:800]
    check_results(page, "outbound")
    check_results(page, "return")
    open_details(page)
    # The "sign in to save" link comes back to this very search.
    page.locator("main a", has_text=FR["signin_to_save"]).click()
    page.wait_for_load_state()
    assert "/signin" in page.url
    sign_in(page, server, "asmae", start=False)
    assert "/routes?" in page.url and "to=twiza" in page.url, f"sign-in did not come back to the search: {page.url}"
    assert "return=2026-07-25" in page.url, f"the search came back without its return date: {page.url}"
    plan_id = save_option(page, 1, "Sans JavaScript", return_number=1)
    assert page.locator("main h1").inner_text() == "Sans JavaScript"
    directions = page.locator("table.legs-table caption").all_inner_texts()
    assert len(directions) == 2, f"a round trip plan should show 2 directions, shows {directions}"
    page.goto(server.url("/plans"))
    assert page.locator(f"table.plans a[href='/plans/{plan_id}']").count() == 1
    assert not watch.page_errors


# f. Another organisation's plan is "not found".
def test_other_organisation_sees_404(new_context, server, asmae_plan):
    context, _ = new_context()
    page = context.new_page()
    sign_in(page, server, "other")
    assert "Other asbl" in page.locator("header .who").inner_text()
    response = page.goto(server.url(f"/plans/{asmae_plan['id']}"))
    assert response.status == 404, response.status
    assert response.headers["content-type"].startswith("text/html")
    assert page.locator("main h1").inner_text() == FR["error_not_found_title"]
    assert page.locator("main [role=alert]").inner_text() == FR["error_plan_not_found"]
    assert page.locator("main a[href='/']").count() == 1, "the 404 page offers no way back"
    body = page.content()
    assert asmae_plan["name"] not in body and "confidentiel" not in body, "the 404 page leaks the plan name"
    # Same answer as an id that does not exist (the page does not tell which ids exist).
    unknown = page.goto(server.url("/plans/plan_doesnotexist"))
    assert unknown.status == 404 and page.locator("main [role=alert]").inner_text() == FR["error_plan_not_found"]
    # Nor through the delete page, the list or the reports.
    assert page.goto(server.url(f"/plans/{asmae_plan['id']}/delete")).status == 404
    page.goto(server.url("/plans"))
    assert "confidentiel" not in page.content()
    csv = context.request.get(server.url(f"/reports/{PLAN_YEAR}.csv"))
    assert csv.status == 200 and "confidentiel" not in csv.text()
    # A forged status change on the other's plan: refused (CSRF token of this session, but not its plan).
    token = page.locator("header form input[name=csrf]").get_attribute("value")
    forged = context.request.post(server.url(f"/plans/{asmae_plan['id']}"),
                                  form={"csrf": token, "action": "status", "status": "cancelled"})
    assert forged.status == 404, forged.status


# g. Phone width: the document does not scroll sideways (tables scroll inside their wrappers).
def test_phone_width_no_horizontal_scroll(new_context, server, asmae_plan):
    context, _ = new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True,
                             storage_state=asmae_plan["state"])
    page = context.new_page()
    found = {}
    problems = []
    for name, path in (("results", routes_path(**{"return": "2026-07-25"})), ("home", "/"), ("plans", "/plans"),
                       ("plan", f"/plans/{asmae_plan['id']}"), ("reports", "/reports")):
        page.goto(server.url(path))
        width = page.evaluate("document.documentElement.scrollWidth")
        found[name] = width
        if width > 375 + 3:
            culprits = page.evaluate("""() => [...document.querySelectorAll('body *')]
                .filter(e => !e.closest('.table-wrap') && e.getBoundingClientRect().right > 378)
                .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                    + ' right=' + Math.round(e.getBoundingClientRect().right))""")
            problems.append(f"{name} page ({path}): document {width} px wide at 375 px; widest elements outside "
                            f"table wrappers: {culprits}")
    measure(f"g. scrollWidth at 375 px: {found}")
    assert not problems, "\n".join(problems)


# h. Weight and speed of the results page.
def test_results_page_weight(new_context, server):
    context, _ = new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    started = time.perf_counter()
    page.goto(server.url(routes_path()), wait_until="load")
    elapsed = time.perf_counter() - started
    by_kind: dict[str, int] = {}
    for response in responses:
        kind = response.request.resource_type
        sizes = response.request.sizes()
        by_kind[kind] = by_kind.get(kind, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
    timing = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
        return {ttfb: Math.round(n.responseStart - n.requestStart), html: n.transferSize,
                dcl: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd)}; }""")
    total = sum(by_kind.get(kind, 0) for kind in ("document", "stylesheet", "script"))
    encoding = next((r.headers.get("content-encoding") for r in responses if r.request.resource_type == "document"),
                    None)
    measure(f"h. results page Liège → Twiza (fr): {total / 1024:.1f} KiB transferred (HTML+CSS+JS) {by_kind}; "
            f"content-encoding {encoding or 'none'}; goto→load {elapsed * 1000:.0f} ms, {timing}")
    assert total < 150 * 1024, f"results page weighs {total / 1024:.1f} KiB (limit 150 KB): {by_kind}"
    assert set(by_kind) <= {"document", "stylesheet", "script", "image", "font", "other"}, by_kind
