// What the guide keeps on this phone: a few localStorage values, all named "guide-...".
// Missing storage (private mode), a full disk or a garbled value never break a page:
// the value starts clean and the page shows a short note. The one store every script uses.
import { STORAGE_PREFIX as PREFIX } from "./names.js";

export function note(problem) {
  const element = document.querySelector(`[data-storage-problem="${problem}"]`);
  if (element) element.hidden = false;
}

// The saved value, or null; a value that fails isValid is removed and noted.
export function read(name, isValid) {
  let raw;
  try {
    raw = localStorage.getItem(PREFIX + name);
  } catch (error) {
    note("unavailable");
    return null;
  }
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw);
    if (isValid(value)) return value;
  } catch (error) {
    // garbled: handled below, like a value of the wrong shape
  }
  remove(name);
  note("corrupt");
  return null;
}

export function write(name, value) {
  try {
    localStorage.setItem(PREFIX + name, JSON.stringify(value));
    return true;
  } catch (error) {
    note(error && error.name === "QuotaExceededError" ? "full" : "unavailable");
    return false;
  }
}

export function remove(name) {
  try {
    localStorage.removeItem(PREFIX + name);
  } catch (error) {
    // nothing stored, nothing to remove
  }
}

// Every name the guide has stored here, without the prefix.
export function names() {
  try {
    return Object.keys(localStorage)
      .filter((key) => key.startsWith(PREFIX))
      .map((key) => key.slice(PREFIX.length));
  } catch (error) {
    return [];
  }
}

// A small setting (the install offer's answer, the language chosen), read and written
// without a note on the page: failing storage only means the question comes again.
export function setting(name, value) {
  try {
    if (value === undefined) return JSON.parse(localStorage.getItem(PREFIX + name));
    localStorage.setItem(PREFIX + name, JSON.stringify(value));
  } catch (error) {
    return null;
  }
}
