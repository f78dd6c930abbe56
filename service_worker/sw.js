// The guide's service worker. The app puts VERSION, PRECACHE, BUNDLE_URL, LANGUAGES,
// HEADERS, SAVED_PAGES, ICON_URL and NAMES (the names it shares with the pages' scripts,
// webapp/core/scripts/names.json) above this line.
// Rules borrowed from Workbox's precaching: a revision per URL, atomic install,
// outdated caches removed on activate.
"use strict";

const PREFIX = NAMES.storagePrefix;
const CACHE = PREFIX + VERSION;
const REVISION_HEADER = "x-guide-revision";
// The one-file guides of an install that failed half-way (a dropped connection): outside
// this version's cache, so the page can still offer them offline (app.js).
const ONE_FILE = "one-file";

self.addEventListener("install", (event) => event.waitUntil(precache()));
self.addEventListener("activate", (event) => event.waitUntil(activate()));
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
  // The page hands over the push subscription's key: needed when the browser renews it.
  if (event.data && event.data.type === "PUSH_KEY") {
    event.waitUntil(keepPushKey({ endpoint: event.data.endpoint, token: event.data.token }));
  }
});
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname === "/sw.js") return;
  if (event.request.mode === "navigate") event.respondWith(navigate(event.request, url));
  else event.respondWith(cacheFirst(event.request));
});

// Fill this version's cache completely, or not at all: a failed install leaves the
// old worker and its cache serving, and never a half-filled cache.
async function precache() {
  const cache = await caches.open(CACHE);
  try {
    const missing = [];
    for (const entry of PRECACHE) {
      const kept = await fromOlderCache(entry);
      if (kept) await cache.put(entry.url, kept);
      else missing.push(entry);
    }
    // Many text entries missing (a first visit): one compressed bundle beats many requests.
    const fromBundle = missing.filter((entry) => entry.bundled);
    const useBundle = fromBundle.length > 2;
    if (useBundle) await saveBundle(cache, fromBundle);
    const rest = useBundle ? missing.filter((entry) => !entry.bundled) : missing;
    await Promise.all(rest.map(async (entry) => cache.put(entry.url, await download(entry))));
  } catch (error) {
    await keepOneFileGuides(cache);
    await caches.delete(CACHE);
    throw error;
  }
  await caches.delete(ONE_FILE); // this version's cache has them now
}

async function keepOneFileGuides(cache) {
  for (const lang of LANGUAGES) {
    const url = `/${lang}/guide.html`;
    const saved = await cache.match(url);
    if (saved) await (await caches.open(ONE_FILE)).put(url, saved);
  }
}

// An entry whose revision has not changed is copied from the previous version's cache.
async function fromOlderCache({ url, revision }) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const response = await (await caches.open(name)).match(url);
    if (response && response.headers.get(REVISION_HEADER) === revision) return response;
  }
  return null;
}

// The bundle: the body of every bundled entry, in PRECACHE's order, each followed by a
// NUL byte (webapp/offline/precache.py, bundle_body). Each body is checked and saved as it
// arrives, so a connection that drops half-way still leaves the one-file guides, which
// come first, for the page to offer (keepOneFileGuides).
async function saveBundle(cache, wanted) {
  const response = await fetch(BUNDLE_URL, { redirect: "error" });
  if (!response.ok) throw new Error(`precache bundle: HTTP ${response.status}`);
  const entries = PRECACHE.filter((entry) => entry.bundled);
  const urls = new Set(wanted.map((entry) => entry.url));
  const reader = response.body.getReader();
  let pending = new Uint8Array(0);
  let index = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (value) pending = joined(pending, value);
    for (let end = pending.indexOf(0); end >= 0; end = pending.indexOf(0)) {
      const entry = entries[index++];
      if (!entry) throw new Error("precache bundle: more bodies than entries");
      if (urls.has(entry.url))
        await cache.put(entry.url, await verified(entry, pending.slice(0, end)));
      pending = pending.slice(end + 1);
    }
    if (done) break;
  }
  if (index < entries.length) throw new Error(`precache bundle: ${entries[index].url} is missing`);
}

function joined(first, second) {
  const both = new Uint8Array(first.length + second.length);
  both.set(first);
  both.set(second, first.length);
  return both;
}

// A page's saved variant (it links the saved stylesheet) has a URL of its own, named by
// its revision; the page's own URL serves the variant with its CSS inline. Credentials
// are sent (pages set no cookie), so these requests share the page's connection.
async function download(entry) {
  const page = HEADERS[entry.kind]["Content-Type"].startsWith("text/html");
  const response = await fetch(page ? `${SAVED_PAGES}${entry.revision}.html` : entry.url, {
    // A hashed name never changes its body: the copy the page already loaded into the
    // browser's HTTP cache will do (and is checked like any other).
    cache: page || entry.url.startsWith("/assets/") ? "default" : "no-cache",
    redirect: "error",
  });
  if (!response.ok) throw new Error(`precache ${entry.url}: HTTP ${response.status}`);
  return verified(entry, await response.arrayBuffer());
}

// The saved copy gets the app's headers, which this script carries (HEADERS, by kind),
// never the host's: a host or CDN that adds, drops or rewrites a header changes nothing
// here. The revision hashes "name: value\n" for each of those headers (names in lower
// case), an empty line, then the body (webapp/offline/precache.py): a body changed on the
// way fails the install.
async function verified({ url, revision, kind }, body) {
  const headers = new Headers(HEADERS[kind]);
  const block = Object.entries(HEADERS[kind]).map(
    ([name, value]) => `${name.toLowerCase()}: ${value}\n`,
  );
  const signed = new Blob([block.join("") + "\n", body]);
  if ((await sha256(await signed.arrayBuffer())).slice(0, revision.length) !== revision) {
    throw new Error(`precache ${url}: not the expected revision`);
  }
  headers.set(REVISION_HEADER, revision);
  return new Response(body, { status: 200, headers });
}

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

async function activate() {
  const names = await caches.keys();
  await Promise.all(
    names
      .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)),
  );
  await self.clients.claim();
}

// Pages come from the phone at once; the browser checks /sw.js for a newer guide on
// each navigation. What is not saved goes to the network, and offline to the fallback.
async function navigate(request, url) {
  // The front door (and the installed app's start) opens the language last chosen here.
  const chosen = url.pathname === "/" && (await chosenLanguage());
  if (chosen) return Response.redirect(`/${chosen}/`, 302);
  const cache = await caches.open(CACHE);
  const saved = await cache.match(url.pathname);
  if (saved) return saved;
  try {
    return await fetch(request);
  } catch (error) {
    const lang = languageOf(url.pathname);
    const fallback = url.pathname === "/" ? `/${lang}/` : `/${lang}/offline`;
    return (await cache.match(fallback)) || Response.error();
  }
}

async function cacheFirst(request) {
  const saved = await (await caches.open(CACHE)).match(request);
  return saved || fetch(request);
}

// Kept by the page (app.js) in a cache of its own, outside this version's.
async function chosenLanguage() {
  const kept = await caches.match(NAMES.chosenLanguageUrl, { cacheName: NAMES.languageCache });
  const lang = kept && (await kept.text());
  return LANGUAGES.includes(lang) ? lang : null;
}

function languageOf(pathname) {
  const prefix = pathname.split("/")[1];
  if (LANGUAGES.includes(prefix)) return prefix;
  const browser = (self.navigator.language || "").slice(0, 2);
  return LANGUAGES.includes(browser) ? browser : LANGUAGES[0];
}

// Push reminders: always show a notification (browsers revoke push otherwise), and only
// ever open pages of our own origin.
self.addEventListener("push", (event) => event.waitUntil(showReminder(event.data)));
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openStep(event.notification.data && event.notification.data.url));
});
self.addEventListener("pushsubscriptionchange", (event) => event.waitUntil(resubscribe(event)));

function ownUrl(path) {
  const url = new URL(path || "/", self.location.origin);
  return url.origin === self.location.origin ? url : new URL("/", self.location.origin);
}

async function showReminder(data) {
  let message = {};
  try {
    message = data ? data.json() : {};
  } catch (error) {
    message = {};
  }
  const url = ownUrl(message.url);
  await self.registration.showNotification(message.title || "Reminder", {
    body: message.body || "",
    icon: ICON_URL,
    badge: ICON_URL,
    lang: message.lang || "",
    tag: message.tag || "reminder",
    data: { url: url.pathname + url.hash },
  });
}

async function openStep(path) {
  const url = ownUrl(path);
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (open) {
    await open.focus().catch(() => {}); // browsers allow focus only during the click itself
    return open.navigate(url.href);
  }
  return self.clients.openWindow(url.href);
}

// The push subscription's key, in IndexedDB (the worker has no localStorage). Named
// with the guide's prefix, so "Clear this guide from this phone" deletes it with the rest.
function pushKeyStore(mode, use) {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(NAMES.pushDatabase, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore("key");
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const db = opening.result;
      const transaction = db.transaction("key", mode);
      const request = use(transaction.objectStore("key"));
      transaction.oncomplete = () => {
        db.close();
        resolve(request.result);
      };
      transaction.onerror = transaction.onabort = () => {
        db.close();
        reject(transaction.error);
      };
    };
  });
}

const keepPushKey = (value) =>
  pushKeyStore("readwrite", (store) => store.put(value, "subscription"));
const savedPushKey = () => pushKeyStore("readonly", (store) => store.get("subscription"));

// The browser renewed the push subscription (new endpoint and keys): move it, with its
// pending reminders, to the new one, proving with the key that it is ours. Without a key
// reminders were never turned on here (or were wiped): there is nothing to move.
async function resubscribe(event) {
  const saved = await savedPushKey().catch(() => null);
  if (!saved || !saved.token) return;
  let subscription = event.newSubscription;
  if (!subscription) {
    const { publicKey } = await (await fetch("/api/push/key")).json();
    subscription = await self.registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: publicKey,
    });
  }
  const response = await fetch("/api/push/subscription", {
    method: "PUT",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${saved.token}` },
    body: JSON.stringify({ subscription: subscription.toJSON() }),
  });
  if (!response.ok) throw new Error(`pushsubscriptionchange: HTTP ${response.status}`);
  await keepPushKey({ endpoint: subscription.endpoint, token: saved.token });
}
