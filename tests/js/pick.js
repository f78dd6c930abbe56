// The pure functions of the pages' scripts, taken from the scripts themselves and run in a
// fresh context of their own. The scripts are classic scripts whose functions live inside
// an IIFE, out of reach of an import; picking their source text by name tests the very
// bytes the browser runs.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const ROOT = new URL("../../", import.meta.url);

// The declaration that starts at `marker`: a function to the brace that closes its body,
// anything else to the first semicolon outside brackets (a formatter may spread either over
// several lines). Brackets inside strings, regular expressions and templates count too, so
// a declaration picked here keeps its brackets balanced in those.
function declaration(source, marker) {
  const start = source.indexOf(marker);
  if (start < 0 || source.indexOf(marker, start + 1) >= 0) {
    throw new Error(`"${marker}" must appear exactly once`);
  }
  const isFunction = marker.startsWith("function");
  const step = { "{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1 };
  let depth = 0;
  let opened = false;
  for (let i = start; i < source.length; i += 1) {
    depth += step[source[i]] || 0;
    opened ||= source[i] === "{";
    if (isFunction ? opened && depth === 0 : source[i] === ";" && depth === 0) {
      return source.slice(start, i + 1);
    }
  }
  throw new Error(`"${marker}" has no end`);
}

// pick("webapp/guide/static/move.js", ["const DIGITS", "function encode"], { ids }) →
// { DIGITS, encode }: the declarations, run with `globals`, by name.
export function pick(file, markers, globals = {}) {
  const source = readFileSync(new URL(file, ROOT), "utf8");
  const names = markers.map((marker) => marker.split(/[\s(=]+/)[1]);
  const code = markers.map((marker) => declaration(source, marker)).join("\n");
  return vm.runInNewContext(`${code}\n({ ${names.join(", ")} })`, { TextEncoder, ...globals });
}
