// The pure functions of the pages' scripts, taken from the scripts themselves and run in a
// fresh context of their own. The scripts are classic scripts whose functions live inside
// an IIFE, out of reach of an import; picking their source text by name tests the very
// bytes the browser runs.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const ROOT = new URL("../../", import.meta.url);

// The declaration that starts at `marker`: to the end of its line when that line is whole,
// else to the brace that closes its body.
function declaration(source, marker) {
  const start = source.indexOf(marker);
  if (start < 0 || source.indexOf(marker, start + 1) >= 0) {
    throw new Error(`"${marker}" must appear exactly once`);
  }
  const lineEnd = source.indexOf("\n", start);
  const line = source.slice(start, lineEnd);
  const balance = (text) => [...text].reduce((n, c) => n + (c === "{") - (c === "}"), 0);
  if (line.trimEnd().endsWith(";") && balance(line) === 0) return line;
  let depth = 0;
  for (let i = source.indexOf("{", start); i < source.length; i += 1) {
    depth += (source[i] === "{") - (source[i] === "}");
    if (depth === 0) return source.slice(start, source[i + 1] === ";" ? i + 2 : i + 1);
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
