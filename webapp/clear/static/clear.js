// Clear this guide from this phone: remove everything the guide stored, then say what was removed.
"use strict";

(() => {
  const store = window.guideStore;
  const report = document.getElementById("wipe-report");
  const confirmBox = document.getElementById("wipe-confirm");

  function countTicks() {
    const progress = store.read("progress", (value) => value && Array.isArray(value.done));
    return progress ? progress.done.length : 0;
  }

  async function removePushSubscription() {
    if (!("serviceWorker" in navigator)) return null;
    const registration = await navigator.serviceWorker.getRegistration();
    const subscription = registration && registration.pushManager && (await registration.pushManager.getSubscription());
    if (!subscription) return null;
    await subscription.unsubscribe();
    return subscription.endpoint;
  }

  async function removeDatabases() {
    if (!window.indexedDB || !indexedDB.databases) return 0;
    const ours = (await indexedDB.databases()).filter((db) => db.name && db.name.startsWith("guide-"));
    await Promise.all(ours.map((db) => new Promise((done) => {
      const request = indexedDB.deleteDatabase(db.name);
      request.onsuccess = request.onerror = request.onblocked = done;
    })));
    return ours.length;
  }

  // The server forgets the language cookie and, given an endpoint, the subscription.
  async function wipeServerSide(endpoint) {
    const response = await fetch("/api/wipe", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(endpoint ? { endpoint } : {}),
    });
    if (!response.ok) throw new Error(`wipe: HTTP ${response.status}`);
    return (await response.json()).removed;
  }

  async function wipe() {
    const removed = [];
    const ticks = countTicks();
    const names = store.names();
    if (ticks) removed.push(report.dataset.progress.replace("{count}", ticks));
    if (names.includes("support")) removed.push(report.dataset.support);
    const remembered = store.read("reminders", (value) => value && typeof value.endpoint === "string");
    let endpoint = remembered ? remembered.endpoint : null;
    try {
      endpoint = (await removePushSubscription()) || endpoint;
    } catch (error) {
      // the browser's subscription could not be removed; the server's still is, below
    }
    if (endpoint || names.includes("reminders")) removed.push(report.dataset.reminders);
    if (window.caches) await caches.delete("language"); // the choice the worker reads
    if (names.some((name) => !["progress", "support", "reminders", "lang"].includes(name)) || (await removeDatabases())) {
      removed.push(report.dataset.other);
    }
    for (const name of names) store.remove(name);
    try {
      const onServer = await wipeServerSide(endpoint);
      if (onServer.includes("language")) removed.push(report.dataset.language);
    } catch (error) {
      if (endpoint) removed.push(report.dataset.offline);
    }
    return removed;
  }

  function showReport(removed) {
    const items = removed.length ? removed : [report.dataset.nothing];
    document.getElementById("wipe-list").replaceChildren(
      ...items.map((text) => Object.assign(document.createElement("li"), { textContent: text })),
    );
    report.hidden = false;
    report.focus();
  }

  document.getElementById("wipe-start").hidden = false; // it needs this script
  document.getElementById("wipe-start").addEventListener("click", () => {
    confirmBox.hidden = false;
    document.getElementById("wipe-yes").focus();
  });
  document.getElementById("wipe-no").addEventListener("click", () => {
    confirmBox.hidden = true;
    document.getElementById("wipe-start").focus();
  });
  document.getElementById("wipe-yes").addEventListener("click", async () => {
    confirmBox.hidden = true;
    showReport(await wipe());
  });
})();
