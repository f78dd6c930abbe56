// Offline, update and install: the page's side of the service worker.
// Every text shown here is already in the page, in its language; this only shows it.
"use strict";

(() => {
  const show = (id, visible = true) => {
    const element = document.getElementById(id);
    if (element) element.hidden = !visible;
  };

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
      show("saved");
      document.documentElement.dataset.offlineReady = "true";
      document.documentElement.dataset.offlineReadyAt = String(Math.round(performance.now()));
      keepStorage();
    });
    // A failed registration (a broken deploy) leaves the working one in place.
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(watchForUpdates, () => {});
  }

  function watchConnection() {
    const update = () => show("offline", !navigator.onLine);
    addEventListener("online", update);
    addEventListener("offline", update);
    update();
  }

  function offerInstall() {
    const standalone =
      matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
    if (standalone) return;
    let installPrompt = null;
    addEventListener("beforeinstallprompt", (event) => {
      event.preventDefault();
      installPrompt = event;
      show("install");
    });
    document.getElementById("install-button").addEventListener("click", () => {
      show("install", false);
      if (installPrompt) installPrompt.prompt();
      installPrompt = null;
    });
    addEventListener("appinstalled", () => {
      show("install", false);
      keepStorage();
    });
    // iOS Safari has no install prompt: it takes two taps the person must know about.
    const iOS = /iphone|ipad|ipod/i.test(navigator.userAgent);
    if (iOS) show("install-ios");
  }

  registerWorker();
  watchConnection();
  offerInstall();
})();
