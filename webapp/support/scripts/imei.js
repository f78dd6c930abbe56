// An IMEI as the support helper checks it: 15 digits, the last a Luhn check digit over the
// first 14. The problem's name ("format", "checksum"), or null for a valid one.
export function imeiProblem(imei) {
  if (!/^\d{15}$/.test(imei)) return "format";
  let sum = 0;
  for (let i = 0; i < 15; i += 1) {
    let digit = Number(imei[i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0 ? null : "checksum";
}
