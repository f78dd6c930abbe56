// "Remind me" on the steps that involve waiting: web push, asked for only on a tap.
"use strict";

(() => {
  const section = document.getElementById("reminders");
  const status = document.getElementById("reminder-status");
  const lang = document.documentElement.lang;
  const show = (id, visible = true) => {
    document.getElementById(id).hidden = !visible;
  };
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  const iOS = /iphone|ipad|ipod/i.test(navigator.userAgent);

  async function api(path, options = {}) {
    const response = await fetch(path, {
      ...options,
      headers: { "Content-Type": "application/json" },
    });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.status === 204 ? null : response.json();
  }

  async function subscription(create) {
    const registration = await navigator.serviceWorker.ready;
    const existing = await registration.pushManager.getSubscription();
    if (existing || !create) return existing;
    const { publicKey } = await api("/api/push/key");
    const created = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: publicKey,
    });
    await api("/api/push/subscriptions", {
      method: "POST",
      body: JSON.stringify({ subscription: created.toJSON(), lang }),
    });
    // Remembered so that "Clear this guide from this phone" can ask the server to forget it too.
    window.guideStore.write("reminders", { endpoint: created.endpoint });
    return created;
  }

  function stepLabel(stepId) {
    const box = document.querySelector(`input[data-step="${stepId}"]`);
    return box ? box.closest("label").textContent.trim() : stepId;
  }

  async function listReminders() {
    const current = await subscription(false);
    const list = document.getElementById("reminder-list");
    if (!current || !navigator.onLine) return;
    let reminders = [];
    try {
      ({ reminders } = await api(`/api/reminders?endpoint=${encodeURIComponent(current.endpoint)}`));
    } catch (error) {
      return; // unknown to the server (expired): nothing pending
    }
    list.replaceChildren(
      ...reminders.map((reminder) => {
        const item = document.createElement("li");
        const when = new Date(reminder.due_at).toLocaleString(lang);
        item.textContent = `${when}: ${stepLabel(reminder.step)} `;
        const cancel = Object.assign(document.createElement("button"), {
          type: "button",
          textContent: section.dataset.cancel,
        });
        cancel.addEventListener("click", async () => {
          await api(`/api/reminders/${reminder.id}`, {
            method: "DELETE",
            body: JSON.stringify({ endpoint: current.endpoint }),
          });
          item.remove();
        });
        item.append(cancel);
        return item;
      }),
    );
  }

  // Under the tapped buttons: pending at once, then the date, or what stopped it.
  const feedback = document.getElementById("reminder-feedback");
  const WARNINGS = ["offline", "denied", "ios", "unsupported", "failed"];
  let pending = false;

  function tell(block, warning, text = "") {
    if (feedback.previousElementSibling !== block) block.after(feedback);
    for (const name of WARNINGS) show(`reminder-${name}`, name === warning);
    status.textContent = text;
  }

  async function remind(block, delay) {
    if (pending) return;
    if (!supported) return tell(block, iOS ? "ios" : "unsupported");
    if (!navigator.onLine) return tell(block, "offline");
    pending = true;
    tell(block, null, section.dataset.pending);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") return tell(block, "denied");
      const current = await subscription(true);
      const reminder = await api("/api/reminders", {
        method: "POST",
        body: JSON.stringify({ endpoint: current.endpoint, step: block.dataset.remind, delay }),
      });
      tell(block, null, section.dataset.set.replace("{date}", new Date(reminder.due_at).toLocaleString(lang)));
      await listReminders();
    } catch (error) {
      tell(block, navigator.onLine ? "failed" : "offline");
    } finally {
      pending = false;
    }
  }

  section.hidden = false;
  for (const block of document.querySelectorAll("[data-remind]")) {
    block.hidden = false;
    for (const button of block.querySelectorAll("button[data-delay]")) {
      button.addEventListener("click", () => remind(block, Number(button.dataset.delay)));
    }
  }
  addEventListener("online", () => show("reminder-offline", false));
  if (supported) listReminders();
})();
