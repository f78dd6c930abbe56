// The support helper's IMEI check: 15 digits, the last a Luhn check digit.
import assert from "node:assert/strict";
import { test } from "node:test";

import { imeiProblem } from "../../webapp/support/scripts/imei.js";

// The Luhn digit computed the long way, to compare with.
function luhnDigit(fourteen) {
  const sum = [...fourteen].reverse().reduce((total, char, place) => {
    const digit = Number(char) * (place % 2 === 0 ? 2 : 1);
    return total + (digit > 9 ? digit - 9 : digit);
  }, 0);
  return String((10 - (sum % 10)) % 10);
}

test("a valid IMEI passes", () => {
  assert.equal(imeiProblem("490154203237518"), null); // the example IMEI of the GSMA's guide
  for (const body of ["35145108000000", "86123403456789", "00000000000000", "99999999999999"]) {
    assert.equal(imeiProblem(body + luhnDigit(body)), null, body);
  }
});

test("each wrong check digit is a checksum problem", () => {
  const body = "86123403456789";
  const right = luhnDigit(body);
  for (const digit of "0123456789") {
    if (digit !== right) assert.equal(imeiProblem(body + digit), "checksum", digit);
  }
});

test("two neighbouring digits swapped are caught", () => {
  assert.equal(imeiProblem("490154203237518"), null);
  assert.equal(imeiProblem("940154203237518"), "checksum");
});

test("anything but 15 digits is a format problem", () => {
  for (const imei of [
    "",
    "49015420323751",
    "4901542032375180",
    "49015420323751a",
    " 490154203237518",
  ]) {
    assert.equal(imeiProblem(imei), "format", JSON.stringify(imei));
  }
});
