"""Every page without JavaScript, in a real Chromium: no control that does nothing is shown."""

import pytest

from .test_accessibility import ALL_PATHS, open_page

# A button works without a script only as the submit button of a form the server answers.
DEAD_CONTROLS = """() => [...document.querySelectorAll("button, input[type=button]")]
    .filter((control) => control.getClientRects().length)
    .filter((control) => !(control.type === "submit" && control.form
        && ["get", "post"].includes(control.form.method)))
    .map((control) => control.outerHTML.slice(0, 80))"""
# What needs the script is in the page from the start (so nothing moves when the script runs)
# with the class "js", which takes no room without scripting.
SHOWN_FOR_THE_SCRIPT = """() => [...document.querySelectorAll(".js")]
    .filter((element) => element.getClientRects().length)
    .map((element) => element.outerHTML.slice(0, 80))"""


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path", ALL_PATHS)
def test_without_javascript_no_page_shows_a_control_that_does_nothing(
    page_without_js, server, lang, path
):
    open_page(page_without_js, server, lang, path)
    assert page_without_js.evaluate(DEAD_CONTROLS) == []
    assert page_without_js.evaluate(SHOWN_FOR_THE_SCRIPT) == []


def test_with_javascript_the_same_controls_are_there(page, server):
    page.goto(server.url + "/en/support")
    assert page.is_visible("#support button[type=submit]")
    page.goto(server.url + "/en/clear")
    assert page.is_visible("#clear-start")
    assert page.is_hidden("form[method=post]")  # the plain form is for phones without scripts
    page.goto(server.url + "/en/move")
    assert page.is_visible("#no-ticks") and page.is_visible("#code-in button[type=submit]")
    page.goto(server.url + "/en/unlock-request")
    assert page.is_visible("#start-over")
    assert page.is_visible("[data-remind] button")
    assert page.inner_text("[data-progress]") == "0 of 8 done"
    assert page.is_hidden("text=ticks are not saved")


# Every media rule of the page's styles, nested ones included.
MEDIA_CONDITIONS = """() => {
    const conditions = [];
    const walk = (rules) => [...rules].forEach((rule) => {
        if (rule.media) conditions.push(rule.media.mediaText);
        if (rule.cssRules) walk(rule.cssRules);
    });
    [...document.styleSheets].forEach((sheet) => walk(sheet.cssRules));
    return conditions;
}"""


@pytest.mark.parametrize(("lang", "progress"), [("en", "0 of 8 done"), ("id", "0 dari 8 selesai")])
def test_without_javascript_script_controls_are_hidden_even_where_scripting_is_unknown(
    page_without_js, server, lang, progress
):
    """An older browser ignores @media (scripting): the hiding must not rest on it. The pages'
    styles have no such rule, so what hides the controls here hides them there too."""
    page = page_without_js
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m))
    page.goto(f"{server.url}/{lang}/unlock-request")
    assert not any("scripting" in condition for condition in page.evaluate(MEDIA_CONDITIONS))
    assert page.locator(f"text={progress}").count() == 1  # in the page, but not shown
    assert page.is_hidden(f"text={progress}")
    assert page.is_visible("#start-over") is False
    page.goto(f"{server.url}/{lang}/clear")
    assert page.is_hidden("#clear-controls") and page.is_visible("form[method=post] button")
    page.goto(f"{server.url}/{lang}/move")
    assert page.is_hidden("#code-in") and page.is_hidden("#code-out")
    assert violations == []  # the <noscript> style is allowed by its hash
