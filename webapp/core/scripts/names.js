// The names the pages' scripts and the service worker share: what they keep on the phone
// and the events they send each other. One file, names.json, which the pages' bundles take
// in at build time and the app writes above the worker's source (NAMES, webapp/offline).
import NAMES from "./names.json";

export const {
  // Every localStorage value, cache and IndexedDB database of the guide starts with this.
  storagePrefix: STORAGE_PREFIX,
  // Set in sessionStorage by "Clear this guide": pages opened next in the tab save nothing.
  clearedMark: CLEARED_MARK,
  // The language the person chose, kept in Cache Storage for the worker, which opens / in it.
  languageCache: LANGUAGE_CACHE,
  chosenLanguageUrl: CHOSEN_LANGUAGE_URL,
  // Sent by the clear page when the offline copy is gone, for the status line.
  unsavedEvent: UNSAVED_EVENT,
} = NAMES;
