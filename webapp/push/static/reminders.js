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

  async function remind(stepId, delay) {
    show("reminder-offline", false);
    if (!navigator.onLine) {
      show("reminder-offline");
      return;
    }
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      show("reminder-denied");
      return;
    }
    try {
      const current = await subscription(true);
      const reminder = await api("/api/reminders", {
        method: "POST",
        body: JSON.stringify({ endpoint: current.endpoint, step: stepId, delay }),
      });
      status.textContent = section.dataset.set.replace("{date}", new Date(reminder.due_at).toLocaleString(lang));
      await listReminders();
    } catch (error) {
      show("reminder-offline");
    }
  }

  if (!supported) {
    if (iOS) {
      section.hidden = false;
      show("reminder-ios");
    }
    return;
  }
  section.hidden = false;
  for (const block of document.querySelectorAll("[data-remind]")) {
    block.hidden = false;
    for (const button of block.querySelectorAll("button[data-delay]")) {
      button.addEventListener("click", () => remind(block.dataset.remind, Number(button.dataset.delay)));
    }
  }
  addEventListener("offline", () => show("reminder-offline"));
  addEventListener("online", () => show("reminder-offline", false));
  listReminders();
})();
