// ESLint for the front end: the pages' modules, the service worker, and the
// JavaScript unit tests (node --test). `make lint` runs it.
import js from "@eslint/js";
import globals from "globals";

// What webapp/offline/__init__.py writes above service_worker/sw.js (tests/offline checks
// that this list and the app's stay the same).
const WORKER_CONSTANTS = [
  "VERSION",
  "PRECACHE",
  "BUNDLE_URL",
  "LANGUAGES",
  "HEADERS",
  "SAVED_PAGES",
  "ICON_URL",
  "NAMES",
];

// The newest syntax the pages and the worker may use (object spread is the newest they
// use today): a script with syntax an old phone's browser cannot parse fails as a whole.
const ES_VERSION = 2018;

export default [
  { ignores: [".venv/", "node_modules/", "instance/", "build/"] },
  js.configs.recommended,
  {
    rules: {
      // `catch (error)` with the name unused is on purpose: old browsers (Chrome before 66)
      // do not parse a catch without one.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
      // A value set before a try that may replace it reads as the default it is.
      "no-useless-assignment": "off",
    },
  },
  {
    // ES modules, bundled by esbuild into classic scripts (scripts/build_scripts.py).
    files: ["webapp/**/static/*.js", "webapp/**/scripts/*.js"],
    languageOptions: { ecmaVersion: ES_VERSION, sourceType: "module", globals: globals.browser },
  },
  {
    files: ["service_worker/sw.js"],
    languageOptions: {
      ecmaVersion: ES_VERSION,
      sourceType: "script",
      globals: {
        ...globals.serviceworker,
        ...Object.fromEntries(WORKER_CONSTANTS.map((name) => [name, "readonly"])),
      },
    },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
