// "Move my progress": the ticked steps as a code of Crockford's base 32, five steps a
// character, after the mark U, and a Luhn mod 32 check character that refuses a mistyped
// code. Codes given out before the mark (a weighted sum modulo 31) are still read.
import assert from "node:assert/strict";
import { test } from "node:test";

import * as progressCode from "../../webapp/guide/scripts/progress-code.js";

const { DIGITS, check } = progressCode;
const ids = Array.from({ length: 23 }, (_, place) => (place === 7 ? "" : `step-${place}`));
const encode = (ticked) => progressCode.encode(ids, ticked);
const decode = (code) => progressCode.decode(ids, code);

// Each code with one character after the mark changed.
function mistypings(code) {
  const found = [];
  for (let place = 1; place < code.length; place += 1) {
    for (const digit of DIGITS) {
      if (digit !== code[place]) found.push(code.slice(0, place) + digit + code.slice(place + 1));
    }
  }
  return found;
}

test("no ticks, no code", () => {
  assert.equal(encode(new Set()), "");
});

test("the first step alone is U, 1, and its check character", () => {
  // One value, 1: Luhn doubles it to 2, and 32 − 2 = 30 is Y.
  assert.equal(encode(new Set(["step-0"])), "U1Y");
});

test("a code given out before the mark is still read, with its own check", () => {
  const values = [2, 0, 17];
  const old = values.map((value) => DIGITS[value]).join("") + check(values);
  assert.deepEqual(decode(old), ["step-1", "step-10", "step-14"]);
});

test("a code gives back exactly the steps ticked", () => {
  for (const ticked of [["step-0"], ["step-4", "step-5"], ["step-22"], ids.filter(Boolean)]) {
    const code = encode(new Set(ticked));
    assert.deepEqual(decode(code).sort(), [...ticked].sort(), code);
  }
});

test("typing is forgiving: case, dashes, spaces, O for 0 and I or L for 1", () => {
  const code = encode(new Set(["step-0", "step-10", "step-21"]));
  const typed = code.toLowerCase().replace(/(.)/g, "$1 ").replace(/0/g, "o").replace(/1/g, "l");
  assert.deepEqual(decode(typed).sort(), ["step-0", "step-10", "step-21"]);
});

// The mark itself mistyped turns the code into one of the first kind, which their weaker
// check judges: that one case is not covered here.
test("every single mistyped character after the mark is refused, 0 for Z too", () => {
  for (const ticked of [
    ["step-1", "step-9", "step-13", "step-20"],
    ["step-0"],
    ["step-4", "step-22"],
    ids.filter(Boolean),
  ]) {
    const wrongs = mistypings(encode(new Set(ticked)));
    assert.ok(wrongs.length);
    for (const wrong of wrongs) assert.equal(decode(wrong), null, wrong);
  }
});

test("what is not a code is refused", () => {
  for (const text of ["", "1", "!!", "UU", "1U"]) assert.equal(decode(text), null, text);
});

test("a place whose step is no longer in the guide is ignored", () => {
  const all = encode(new Set(ids.filter(Boolean)));
  const later = ids.map((id, place) => (place === 3 ? "" : id)); // step-3 retired since
  const found = progressCode.decode(later, all);
  assert.ok(!found.includes("step-3"));
  assert.equal(found.length, ids.filter(Boolean).length - 1);
});
