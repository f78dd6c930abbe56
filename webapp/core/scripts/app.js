// Offline, update and install: the page's side of the service worker.
// Every text shown here is already in the page, in its language; this only shows it.
import { isIOS } from "./device.js";
import { CHOSEN_LANGUAGE_URL, CLEARED_MARK, LANGUAGE_CACHE, UNSAVED_EVENT } from "./names.js";
import { setting as kept } from "./storage.js";

(() => {
  const show = (id, visible = true) => {
    const element = document.getElementById(id);
    if (element) element.hidden = !visible;
  };
  let saved = false;
  let saving = false;
  // "Clear this guide" marks the tab (clear.js): it saves nothing again until the person
  // picks a language with the header's link.
  let cleared = false;
  try {
    cleared = !!sessionStorage.getItem(CLEARED_MARK);
  } catch (error) {
    // no session storage: no clear could mark this tab
  }

  // One status line; its texts share one spot, so none moves the page.
  function showStatus() {
    const online = navigator.onLine;
    const shown = saved
      ? online
        ? "saved"
        : "offline"
      : online
        ? saving && "saving"
        : "no-connection";
    for (const text of document.querySelectorAll(".status > *"))
      text.classList.toggle("on", text.id === shown);
    const stranded = !online && !saved && !cleared;
    show("not-saved", stranded);
    if (stranded) offerOneFile();
  }

  // Offline and not saved: the one-file guide, if this phone has it (a failed install keeps it).
  function offerOneFile() {
    const link = document.querySelector(".tools [download][href]");
    if (!window.caches || !link) return;
    caches
      .match(link.pathname)
      .then((copy) => copy && copy.blob())
      .then(
        (body) => {
          if (!body) return;
          const offer = document.getElementById("one-file");
          offer.href = link.href = URL.createObjectURL(body);
          offer.hidden = false;
        },
        () => {},
      );
  }

  function keepStorage() {
    // Ask the browser not to evict the saved guide when space runs low.
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persisted().then((kept) => kept || navigator.storage.persist());
    }
  }

  function offerUpdate(worker) {
    show("update");
    document.getElementById("update-button").addEventListener("click", () => {
      navigator.serviceWorker.addEventListener("controllerchange", () => location.reload());
      worker.postMessage({ type: "SKIP_WAITING" });
    });
  }

  function watchForUpdates(registration) {
    if (registration.waiting && navigator.serviceWorker.controller)
      offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
      });
    });
  }

  function registerWorker() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(() => {
      saved = true;
      showStatus();
      document.documentElement.dataset.offlineReady = "true";
      document.documentElement.dataset.offlineReadyAt = String(Math.round(performance.now()));
      keepStorage();
    });
    if (cleared) return;
    // A failed registration (a broken deploy) leaves the working one in place.
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(
      (registration) => {
        watchForUpdates(registration);
        const first = !registration.active && registration.installing;
        if (!first) return;
        saving = true; // until ready, or until the install fails
        first.addEventListener("statechange", () => {
          saving = first.state !== "redundant";
          showStatus();
        });
        showStatus();
      },
      () => {},
    );
  }

  // Offered on the home page, and on a method page once a step is ticked, until the person
  // answers: "Not now", the browser's own question, or installing.
  function offerInstall() {
    const offer = document.getElementById("install");
    if (
      !offer ||
      kept("install") ||
      matchMedia("(display-mode: standalone)").matches ||
      navigator.standalone
    )
      return;
    // No prompt on iOS: explained instead.
    const iOS = isIOS();
    let prompt = null;
    const wanted = () =>
      "home" in offer.dataset || document.querySelector(".steps > li > label > input:checked");
    const update = () => show("install", !kept("install") && (prompt || iOS) && wanted());
    const answer = (value) => {
      kept("install", value);
      update();
    };
    addEventListener("beforeinstallprompt", (event) => {
      event.preventDefault();
      prompt = event;
      show("install-button");
      update();
    });
    document.getElementById("install-button").onclick = () => {
      prompt.prompt();
      prompt.userChoice.then(
        (choice) => answer(choice.outcome),
        () => {},
      );
    };
    document.getElementById("install-later").onclick = () => answer("later");
    addEventListener("appinstalled", () => answer("installed"));
    addEventListener("change", update);
    show("install-ios", iOS);
    update();
  }

  // The language of the page being read is the person's choice. It is kept here, and in
  // Cache Storage for the worker, which opens / in it online and offline. Pages set no
  // cookie: when the person switches language, the page tells the server (when online),
  // and never again once "Clear this guide" removed the choice. The first page read is no
  // choice: the server's own rule brought it. After a clear, pages
  // opened in the same tab remember nothing (clear.js marks the tab) until the person picks a
  // language with the header's link.
  function rememberLanguage() {
    if (cleared) {
      document.querySelector("header [hreflang]").onclick = () => {
        sessionStorage.removeItem(CLEARED_MARK);
        kept("lang", { picked: true }); // a choice: the next page tells the server
      };
      return;
    }
    const lang = document.documentElement.lang;
    const chosen = kept("lang") || {};
    let cookie = chosen.lang === lang ? chosen.cookie : !(chosen.lang || chosen.picked);
    if (chosen.lang !== lang) {
      kept("lang", { lang, cookie });
      if (window.caches)
        caches.open(LANGUAGE_CACHE).then(
          (cache) => cache.put(CHOSEN_LANGUAGE_URL, new Response(lang)),
          () => {},
        );
    }
    const tell = () => {
      if (cookie || !navigator.onLine || !kept("lang")) return;
      const request = {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ lang }),
      };
      fetch("/api/language", request).then(
        (response) => kept("lang", { lang, cookie: (cookie = response.ok) }),
        () => {},
      );
    };
    tell();
    addEventListener("online", tell);
  }

  // Print, and sending the guide on: both need this script, so they show only with it.
  function offerPrintAndShare() {
    const address = document.querySelector("[data-address]");
    if (address) address.textContent = location.origin + address.textContent;
    if (window.print) {
      show("print");
      document.getElementById("print").onclick = () => window.print();
    }
    // The guide's front page in this language: the link we send is never a step's.
    const url = `${location.origin}/${document.documentElement.lang}/`;
    const status = document.getElementById("link-copied");
    const other = () => show("share-other");
    document.getElementById("whatsapp").href = `https://wa.me/?text=${encodeURIComponent(url)}`;
    document.getElementById("mail-link").href = `mailto:?body=${encodeURIComponent(url)}`;
    show("share");
    document.getElementById("share").onclick = () => {
      if (!navigator.share) return other();
      navigator
        .share({ title: document.title, url })
        .catch((error) => error.name === "AbortError" || other());
    };
    document.getElementById("copy-link").onclick = () => {
      const byHand = () => (status.textContent = status.dataset.byHand.replace("{url}", url));
      if (!navigator.clipboard) return byHand();
      navigator.clipboard
        .writeText(url)
        .then(() => (status.textContent = status.dataset.copied), byHand);
    };
  }

  registerWorker();
  rememberLanguage();
  offerPrintAndShare();
  addEventListener(UNSAVED_EVENT, () => {
    saved = false; // "Clear this guide" removed the offline copy
    cleared = true;
    showStatus();
  });
  addEventListener("online", showStatus);
  addEventListener("offline", showStatus);
  showStatus();
  offerInstall();
})();
