// Offline, update and install: the page's side of the service worker.
// Every text shown here is already in the page, in its language; this only shows it.
"use strict";

(() => {
  const show = (id, visible = true) => {
    const element = document.getElementById(id);
    if (element) element.hidden = !visible;
  };
  // A value the guide keeps on this phone ("guide-..."); storage that fails is ignored here.
  const kept = (name, value) => {
    try {
      if (value === undefined) return JSON.parse(localStorage.getItem(`guide-${name}`));
      localStorage.setItem(`guide-${name}`, JSON.stringify(value));
    } catch (error) {
      return null;
    }
  };
  let saved = false;

  // One status line: its texts share one spot, so showing one never moves the page.
  function showStatus() {
    const shown = navigator.onLine ? saved && "saved" : saved ? "offline" : "no-connection";
    for (const text of document.querySelectorAll(".status > *")) text.classList.toggle("on", text.id === shown);
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
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
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
    // A failed registration (a broken deploy) leaves the working one in place.
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(watchForUpdates, () => {});
  }

  // Offered on the home page, and on a method page once a step is ticked; never again
  // once the person says "Not now", answers the browser's own question, or installs.
  function offerInstall() {
    const offer = document.getElementById("install");
    const standalone = matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
    if (!offer || standalone || kept("install")) return;
    let installPrompt = null;
    const iOS = /iphone|ipad|ipod/i.test(navigator.userAgent);
    const answered = (answer) => {
      kept("install", answer);
      show("install", false);
    };
    const update = () => {
      const wanted = "home" in offer.dataset || document.querySelector("input[data-step]:checked");
      show("install", !kept("install") && (installPrompt || iOS) && wanted);
    };
    addEventListener("beforeinstallprompt", (event) => {
      event.preventDefault();
      installPrompt = event;
      show("install-button");
      update();
    });
    document.getElementById("install-button").addEventListener("click", () => {
      installPrompt.prompt();
      installPrompt.userChoice.then((choice) => answered(choice.outcome), () => {});
    });
    document.getElementById("install-later").addEventListener("click", () => answered("later"));
    addEventListener("appinstalled", () => {
      answered("installed");
      keepStorage();
    });
    addEventListener("change", (event) => event.target.matches("input[data-step]") && update());
    // iOS Safari has no install prompt: it takes two taps the person must know about.
    show("install-ios", iOS);
    update();
  }

  // The language of the page being read is the person's choice. A page from the network
  // set the server's cookie itself; one the worker served from the phone did not, so the
  // page tells the server when online. The worker opens / in the language kept here, online
  // and offline (a Cache Storage entry: the worker cannot read localStorage).
  function rememberLanguage() {
    const lang = document.documentElement.lang;
    const chosen = kept("lang");
    const fromPhone = "serviceWorker" in navigator && navigator.serviceWorker.controller;
    let cookie = chosen && chosen.lang === lang ? chosen.cookie : !fromPhone;
    if (!chosen || chosen.lang !== lang) {
      kept("lang", { lang, cookie });
      if (window.caches) caches.open("language").then((cache) => cache.put("/chosen-language", new Response(lang)), () => {});
    }
    const tellServer = () => {
      if (cookie || !navigator.onLine || !kept("lang")) return; // not after "Clear this guide"
      const body = JSON.stringify({ lang });
      fetch("/api/language", { method: "POST", headers: { "Content-Type": "application/json" }, body }).then((response) => {
        cookie = response.ok;
        kept("lang", { lang, cookie });
      }, () => {});
    };
    tellServer();
    addEventListener("online", tellServer);
  }

  registerWorker();
  rememberLanguage();
  addEventListener("guide-unsaved", () => {
    saved = false; // "Clear this guide" removed the offline copy
    showStatus();
  });
  addEventListener("online", showStatus);
  addEventListener("offline", showStatus);
  showStatus();
  offerInstall();
})();
