"""What a person does in the guide, as browser tests do it: tick steps, fill the support
helper, look at what the guide stored, wait until the guide is saved for offline use."""

VALID_IMEIS = ["490154203237518", "356938035643809", "352099001761481"]


def tick(page, step_id):
    page.check(box(step_id))


def box(step_id: str) -> str:
    """The checkbox of a step on its method's page (its item carries the step's id)."""
    return f".steps > li[id='{step_id}'] > label > input"


def ticked(page) -> list[str]:
    return page.eval_on_selector_all(
        ".steps > li > label > input:checked", "boxes => boxes.map(box => box.closest('li').id)"
    )


def our_storage(page) -> dict:
    return page.evaluate(
        """async () => ({
            local: Object.keys(localStorage).filter(key => key.startsWith("guide-")),
            databases: (await indexedDB.databases()).map(db => db.name),
        })"""
    )


def fill_support(page, imei, lang="en"):
    page.fill("#imei", imei)
    page.fill("#date", "2018-03-01")
    page.fill("#place", "Toko Maju, Bandung")
    page.check("input[name=proof][value=invoice]")
    page.check(f"input[name=message_lang][value={lang}]")
    page.fill("#details", "Forgot the password after a reset")
    page.click("#support button[type=submit]")


def wait_until_saved_offline(page) -> None:
    """The page says it is saved once the worker is active with its precache complete."""
    page.wait_for_selector("html[data-offline-ready='true']")
    page.wait_for_selector("#saved", state="visible")


# What Chromium fires when the guide may be installed; the real one needs a person's visits
# over time. prompt() is recorded; the person's answer is "dismissed".
FAKE_INSTALL_PROMPT = """() => {
    const event = new Event("beforeinstallprompt", { cancelable: true });
    event.prompt = () => { window.installPrompted = true; return Promise.resolve(); };
    event.userChoice = Promise.resolve({ outcome: "dismissed", platform: "web" });
    dispatchEvent(event);
}"""


def offline_copy(page) -> dict:
    """What keeps the guide working offline here: this site's caches and service workers."""
    return page.evaluate(
        """async () => ({
            caches: await caches.keys(),
            workers: (await navigator.serviceWorker.getRegistrations()).length,
        })"""
    )


def choose_language(page, base_url: str, lang: str) -> None:
    """What the page does when the person switches language: tell the server, which keeps
    the choice in its cookie (pages themselves set none)."""
    response = page.request.post(f"{base_url}/api/language", data={"lang": lang})
    assert response.status == 204
