"""axe-core on each page of the site: a violation of impact serious or critical fails; every violation is printed.

The pages' Content-Security-Policy refuses injected scripts, so these contexts bypass it (bypass_csp=True), here
only: the other tests keep the policy and fail on any violation of it.
"""

from __future__ import annotations

import json

import pytest

from conftest import axe_script, measure
from flows import main_text, routes_path

PAGES = {
    "home": ("/", False, 200),
    "routes": (None, False, 200),
    "sign-in": ("/signin", False, 200),
    "plans": ("/plans", True, 200),
    "plan": (None, True, 200),
    "reports": ("/reports", True, 200),
    # The annual report (the document `trajet report` writes), as the page serves it.
    "report-html": ("/reports/2026.html", True, 200),
    "404": ("/plans/no-such-plan", True, 404),
}
FAILING = {"serious", "critical"}
# Pages whose violations would be printed but not fail: none (the report's table of contents once had WCAG 2.2
# target-size findings; its links are now 24 px high and spaced).
ADVISORY: set[str] = set()
# WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.mark.parametrize("name", list(PAGES))
def test_axe(name, new_context, server, asmae_plan):
    path, signed_in, status = PAGES[name]
    if name == "routes":
        path = routes_path(**{"return": "2026-07-25"})
    elif name == "plan":
        path = f"/plans/{asmae_plan['id']}"
    options = {"bypass_csp": True}
    if signed_in:
        options["storage_state"] = asmae_plan["state"]
    context, _ = new_context(**options)
    page = context.new_page()
    response = page.goto(server.url(path))
    assert response.status == status, f"{path}: {response.status} {main_text(page)[:300]}"
    # Hidden parts are checked too: every <details> opened.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    script, source = axe_script()
    page.add_script_tag(content=script)
    results = page.evaluate("""async () => {
        const TAGS = """ + json.dumps(TAGS) + """;
        const r = await axe.run(document, {runOnly: {type: 'tag', values: TAGS}});
        return {version: axe.version, violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary,
                                       html: n.html.slice(0, 160)}))})),
            incomplete: r.incomplete.map(v => `${v.id} (${v.impact}, ${v.nodes.length} element(s) to check by eye)`)};
    }""")
    violations = results["violations"]
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} element(s))")
        for node in v["nodes"][:4]:
            lines.append(f"      {node['target']}  {node['html']}")
            if node["summary"]:
                lines.append("        " + node["summary"].replace("\n", " | ")[:300])
    if name == "home":
        measure(f"e. axe-core {results['version']} from {source}")
    incomplete = "; needs review: " + ", ".join(results["incomplete"]) if results["incomplete"] else ""
    advisory = " (advisory)" if name in ADVISORY else ""
    measure(f"e. axe {name}{advisory} ({path}): {len(violations)} violation(s){incomplete}"
            + ("\n" + "\n".join(lines) if lines else ""))
    print("\n".join(lines))
    if name in ADVISORY:
        return
    bad = [v for v in violations if v["impact"] in FAILING]
    assert not bad, f"{name}: {len(bad)} serious/critical axe violation(s):\n" + "\n".join(lines)
