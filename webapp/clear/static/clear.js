// Clear this guide from this phone: remove what the guide stored, then say what was removed
// and what could not be.
import { api } from "../../core/scripts/api.js";
import {
  CLEARED_MARK,
  LANGUAGE_CACHE,
  STORAGE_PREFIX,
  UNSAVED_EVENT,
} from "../../core/scripts/names.js";
import * as store from "../../core/scripts/storage.js";

(() => {
  const report = document.getElementById("clear-report");
  const confirmBox = document.getElementById("clear-confirm");
  const start = document.getElementById("clear-start");

  function countTicks() {
    const progress = store.read("progress", (value) => value && Array.isArray(value.done));
    return progress ? progress.done.length : 0;
  }

  async function removePushSubscription() {
    if (!("serviceWorker" in navigator)) return null;
    const registration = await navigator.serviceWorker.getRegistration();
    const subscription =
      registration &&
      registration.pushManager &&
      (await registration.pushManager.getSubscription());
    if (!subscription) return null;
    await subscription.unsubscribe();
    return subscription.endpoint;
  }

  async function removeDatabases() {
    if (!window.indexedDB || !indexedDB.databases) return 0;
    const ours = (await indexedDB.databases()).filter(
      (db) => db.name && db.name.startsWith(STORAGE_PREFIX),
    );
    await Promise.all(
      ours.map(
        (db) =>
          new Promise((done) => {
            const request = indexedDB.deleteDatabase(db.name);
            request.onsuccess = request.onerror = request.onblocked = done;
          }),
      ),
    );
    return ours.length;
  }

  // The guide saved for use without internet: every cache of this site (the worker's copy of
  // the guide, the language the worker reads) and the worker itself, which lets go of this
  // tab once it is closed. True when there was one; throws when the browser kept some.
  async function removeOfflineCopy() {
    const workers =
      "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistrations() : [];
    const names = window.caches ? await caches.keys() : [];
    const results = await Promise.all([
      ...workers.map((worker) => worker.unregister()),
      ...names.map((name) => caches.delete(name)),
    ]);
    if (results.includes(false)) throw new Error("the browser kept part of the offline copy");
    dispatchEvent(new Event(UNSAVED_EVENT)); // for the status line
    return results.length > 0;
  }

  // The server forgets the language cookie and, given the subscription's key, the subscription.
  async function clearOnServer(token) {
    try {
      return (await api("/api/clear", { method: "POST", body: "{}" }, token)).removed;
    } catch (error) {
      // A key that no longer matches (401): the cookie went all the same. Trying again could
      // not help; the browser's subscription is gone, so the server drops its copy the
      // first time the push service refuses it (or after 30 quiet days).
      if (error.status === 401) return ["language"];
      throw error;
    }
  }

  async function clearEverything(withOfflineCopy) {
    const removed = [];
    const kept = [];
    const ticks = countTicks();
    const names = store.names();
    if (ticks) removed.push(report.dataset.progress.replace("{count}", ticks));
    if (names.includes("support")) removed.push(report.dataset.support);
    const remembered = store.read(
      "reminders",
      (value) => value && typeof value.endpoint === "string",
    );
    let endpoint = remembered ? remembered.endpoint : null;
    const token = remembered && typeof remembered.token === "string" ? remembered.token : null;
    try {
      endpoint = (await removePushSubscription()) || endpoint;
    } catch (error) {
      // the browser's subscription could not be removed; the server's still is, below
    }
    const known = ["progress", "support", "reminders", "lang"];
    if (names.some((name) => !known.includes(name)) || (await removeDatabases()))
      removed.push(report.dataset.other);
    for (const name of names) store.remove(name);
    if (window.caches) await caches.delete(LANGUAGE_CACHE); // the choice the worker reads
    let reached = false;
    try {
      reached = (await clearOnServer(token)).includes("language");
    } catch (error) {
      // no connection: the report says what stays
    }
    if (reached) removed.push(report.dataset.language);
    else kept.push(report.dataset.cookie);
    if (endpoint && !reached) {
      store.write("reminders", { endpoint, token }); // for the next clear online
      kept.push(report.dataset.offline);
    } else if (endpoint || names.includes("reminders")) removed.push(report.dataset.reminders);
    if (withOfflineCopy) {
      try {
        if (await removeOfflineCopy()) removed.push(report.dataset.copy);
      } catch (error) {
        kept.push(report.dataset.copyKept);
      }
    }
    kept.push(report.dataset.browser);
    try {
      sessionStorage.setItem(CLEARED_MARK, "1"); // pages opened next in this tab remember no language (app.js)
    } catch (error) {
      // no session storage: closing the tab, as the page says, does the same
    }
    return { removed, kept };
  }

  function list(id, items) {
    document
      .getElementById(id)
      .replaceChildren(
        ...items.map((text) => Object.assign(document.createElement("li"), { textContent: text })),
      );
  }

  function showReport({ removed, kept }) {
    list("clear-list", removed.length ? removed : [report.dataset.nothing]);
    list("clear-kept", kept);
    report.hidden = false;
    // The end: nothing left to tap that would save the guide again in this tab.
    for (const part of document.querySelectorAll(
      "header, footer, .tools, #clear-controls, #clear-confirm, #install, #update",
    ))
      part.hidden = true;
    report.focus();
  }

  start.addEventListener("click", () => {
    confirmBox.hidden = false;
    document.getElementById("clear-yes").focus();
  });
  document.getElementById("clear-no").addEventListener("click", () => {
    confirmBox.hidden = true;
    start.focus();
  });
  document.getElementById("clear-yes").addEventListener("click", async () => {
    confirmBox.hidden = true;
    showReport(await clearEverything(document.getElementById("clear-offline-copy").checked));
  });
})();
