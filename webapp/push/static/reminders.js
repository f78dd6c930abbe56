// "Remind me" on the steps that involve waiting: web push, asked for only on a tap.
import { api } from "../../core/scripts/api.js";
import { isIOS } from "../../core/scripts/device.js";
import * as store from "../../core/scripts/storage.js";
import { fold, stamp, text } from "../scripts/calendar.js";

(() => {
  const section = document.getElementById("reminders");
  const status = document.getElementById("reminder-status");
  const lang = document.documentElement.lang;
  const show = (id, visible = true) => {
    document.getElementById(id).hidden = !visible;
  };
  const supported =
    "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  const iOS = isIOS();
  // How long the browser's push service may take to subscribe: one that hangs (no connection to
  // it) would otherwise leave "Setting the reminder…" on screen for ever.
  const SUBSCRIBE_TIMEOUT = 30000;

  // The key the server gave this browser's subscription, kept beside its endpoint (and
  // handed to the worker, which needs it when the browser renews the subscription).
  const savedKey = () =>
    store.read(
      "reminders",
      (v) => v && typeof v.endpoint === "string" && typeof v.token === "string",
    );

  async function keep(registration, endpoint, token) {
    // Remembered so that "Clear this guide from this phone" can ask the server to forget it too.
    store.write("reminders", { endpoint, token });
    if (registration.active) registration.active.postMessage({ type: "PUSH_KEY", endpoint, token });
  }

  // { push, token } for this browser's subscription; with create, made when missing.
  async function subscription(create) {
    const registration = await navigator.serviceWorker.ready;
    const existing = await registration.pushManager.getSubscription();
    const saved = savedKey();
    if (existing && saved) {
      if (saved.endpoint !== existing.endpoint) {
        // Renewed by the browser while the worker could not tell the server: tell it now.
        await api(
          "/api/push/subscription",
          { method: "PUT", body: JSON.stringify({ subscription: existing.toJSON(), lang }) },
          saved.token,
        );
        await keep(registration, existing.endpoint, saved.token);
      }
      return { push: existing, token: saved.token };
    }
    if (!create) return null;
    if (existing) await existing.unsubscribe(); // a subscription without its key: start afresh
    const { publicKey } = await api("/api/push/key");
    const created = await Promise.race([
      registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: publicKey,
      }),
      new Promise((_, fail) =>
        setTimeout(
          () => fail(Object.assign(new Error("no answer"), { timeout: true })),
          SUBSCRIBE_TIMEOUT,
        ),
      ),
    ]);
    const { token } = await api("/api/push/subscriptions", {
      method: "POST",
      body: JSON.stringify({ subscription: created.toJSON(), lang }),
    });
    await keep(registration, created.endpoint, token);
    return { push: created, token };
  }

  function stepLabel(stepId) {
    const label = document.querySelector(`.steps > [id="${stepId}"] > label`);
    return label ? label.textContent.trim() : stepId;
  }

  async function listReminders() {
    const current = await subscription(false);
    const list = document.getElementById("reminder-list");
    if (!current || !navigator.onLine) return;
    let reminders = [];
    try {
      ({ reminders } = await api("/api/reminders", {}, current.token));
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
          await api(`/api/reminders/${reminder.id}`, { method: "DELETE" }, current.token);
          item.remove();
        });
        item.append(cancel);
        return item;
      }),
    );
  }

  // Under the tapped buttons: pending at once, then the date, or what stopped it.
  const feedback = document.getElementById("reminder-feedback");
  const WARNINGS = ["offline", "denied", "dismissed", "ios", "unsupported", "failed", "timeout"];
  let pending = false;

  // While one reminder is being set, every "Remind me" button says it is not available (and a
  // tap does nothing); aria-disabled keeps the tapped button focused, where disabled would not.
  function busy(value) {
    pending = value;
    for (const button of document.querySelectorAll("[data-remind] button"))
      button.setAttribute("aria-disabled", value);
  }

  function tell(block, warning, text = "") {
    if (feedback.previousElementSibling !== block) block.after(feedback);
    for (const name of WARNINGS) show(`reminder-${name}`, name === warning);
    status.textContent = text;
  }

  async function remind(block, delay) {
    if (pending) return;
    if (!supported) return tell(block, iOS ? "ios" : "unsupported");
    if (!navigator.onLine) return tell(block, "offline");
    busy(true);
    tell(block, null, section.dataset.pending);
    try {
      // "default": the question was closed without an answer; a tap asks again.
      const permission = await Notification.requestPermission();
      if (permission !== "granted")
        return tell(block, permission === "default" ? "dismissed" : "denied");
      const body = JSON.stringify({ step: block.dataset.remind, delay });
      let reminder;
      try {
        reminder = await api(
          "/api/reminders",
          { method: "POST", body },
          (await subscription(true)).token,
        );
      } catch (error) {
        if (error.status !== 401 && error.status !== 404) throw error;
        // The server no longer knows this key (the subscription expired): a new one, once.
        store.remove("reminders");
        reminder = await api(
          "/api/reminders",
          { method: "POST", body },
          (await subscription(true)).token,
        );
      }
      tell(
        block,
        null,
        section.dataset.set.replace("{date}", new Date(reminder.due_at).toLocaleString(lang)),
      );
      await listReminders();
    } catch (error) {
      tell(block, error.timeout ? "timeout" : navigator.onLine ? "failed" : "offline");
    } finally {
      busy(false);
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

// "Add to my calendar": an iCalendar file (RFC 5545) made here, so it works offline, without
// push and on an iPhone where the guide is not installed, and nothing reaches the server.
// Its words and its link are neutral (the phone's owner may see the calendar).
(() => {
  const status = document.getElementById("calendar-status");
  if (!status || !window.Blob || !window.URL || !URL.createObjectURL) return;

  function calendarFile(stepId, delay) {
    const start = new Date(Date.now() + delay * 1000);
    start.setSeconds(0, 0);
    // The link names no method ("unlock-request" would tell the phone's owner): the home
    // page of this language, which forwards a step id after "#" to the step (progress.js).
    const url = `${location.origin}/${document.documentElement.lang}/#${stepId}`;
    const { title, text: body } = status.dataset;
    const random = crypto.getRandomValues(new Uint32Array(4)).join("-");
    const lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//guide//reminder//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
      `UID:${random}@${location.host}`,
      `DTSTAMP:${stamp(new Date())}`,
      `DTSTART:${stamp(start)}`,
      `DTEND:${stamp(new Date(start.getTime() + 15 * 60000))}`,
      `SUMMARY:${text(title)}`,
      `DESCRIPTION:${text(`${body}\n${url}`)}`,
      `URL:${url}`,
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `DESCRIPTION:${text(title)}`,
      "TRIGGER:PT0S",
      "END:VALARM",
      "END:VEVENT",
      "END:VCALENDAR",
    ];
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  for (const block of document.querySelectorAll("[data-calendar], [data-borrowed]")) {
    block.hidden = false;
    for (const button of block.querySelectorAll("button[data-delay]")) {
      button.addEventListener("click", () => {
        const file = new Blob(
          [calendarFile(block.dataset.calendar, Number(button.dataset.delay))],
          { type: "text/calendar" },
        );
        const link = Object.assign(document.createElement("a"), {
          href: URL.createObjectURL(file),
          download: "reminder.ics",
        });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 60000);
        if (status.previousElementSibling !== block) block.after(status);
        status.textContent = status.dataset.made;
      });
    }
  }
})();
