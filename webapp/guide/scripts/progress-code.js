// "Move my progress": the ticked steps as a short code. `ids` is every published step id at
// its place (step_ids.txt), blank where a step is no longer in the guide.

// Crockford's base 32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
export const DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// The first codes' check: a weighted sum modulo 31, blind to some mistakes (0 and Z alike).
export const check = (values) =>
  DIGITS[values.reduce((sum, value, place) => sum + (place + 1) * value, 0) % 31];
// Codes since carry a mark, U (never a character of the first codes), and a Luhn mod 32
// check character, which catches every single wrong character.
export const MARK = "U";
export const luhn = (values) => {
  let sum = 0;
  [...values].reverse().forEach((value, place) => {
    const addend = place % 2 ? value : value * 2;
    sum += Math.floor(addend / 32) + (addend % 32);
  });
  return DIGITS[(32 - (sum % 32)) % 32];
};

// Five steps to a character, in the order of the published list; then the check character.
export function encode(ids, ticked) {
  const values = new Array(Math.ceil(ids.length / 5)).fill(0);
  ids.forEach((id, place) => {
    if (id && ticked.has(id)) values[Math.floor(place / 5)] |= 1 << (place % 5);
  });
  while (values.length && !values[values.length - 1]) values.pop();
  return values.length ? MARK + values.map((value) => DIGITS[value]).join("") + luhn(values) : "";
}

// The step ids in a code that this guide still has, or null when the code is not right.
export function decode(ids, code) {
  let clean = code.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  const marked = clean.startsWith(MARK);
  if (marked) clean = clean.slice(1);
  if (clean.length < 2 || ![...clean].every((char) => DIGITS.includes(char))) return null;
  const values = [...clean.slice(0, -1)].map((char) => DIGITS.indexOf(char));
  if ((marked ? luhn : check)(values) !== clean.slice(-1)) return null;
  const found = [];
  values.forEach((value, char) => {
    for (let bit = 0; bit < 5; bit++) {
      const id = ids[char * 5 + bit];
      if (value & (1 << bit) && id) found.push(id); // unknown or retired: ignored
    }
  });
  return found;
}
