// The calendar file's line folding (RFC 5545, 3.1): lines of at most 75 octets, folded with
// CRLF and a space, never inside a character.
import assert from "node:assert/strict";
import { test } from "node:test";

import { fold } from "../../webapp/push/scripts/calendar.js";
const octets = (text) => new TextEncoder().encode(text).length;
const unfold = (text) => text.replace(/\r\n /g, "");

test("a short line stays as it is", () => {
  assert.equal(fold("SUMMARY:Reminder"), "SUMMARY:Reminder");
  assert.equal(fold("X".repeat(75)), "X".repeat(75));
});

test("a long line is folded into lines of at most 75 octets", () => {
  const line = "DESCRIPTION:" + "Saatnya melihat langkah berikutnya yang kamu simpan. ".repeat(6);
  const folded = fold(line);
  assert.ok(folded.includes("\r\n "));
  for (const part of folded.split("\r\n")) assert.ok(octets(part) <= 75, part);
  assert.equal(unfold(folded), line);
});

test("a character of several octets is never cut", () => {
  const line = "SUMMARY:" + "é€😀".repeat(30);
  const folded = fold(line);
  for (const part of folded.split("\r\n")) {
    assert.ok(octets(part) <= 75, part);
    assert.ok(!part.includes("\uFFFD"));
  }
  assert.equal(unfold(folded), line);
  // The first line is filled as far as a whole character allows.
  const first = folded.split("\r\n")[0];
  assert.ok(octets(first) > 75 - 4, String(octets(first)));
});
