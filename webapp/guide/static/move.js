// "Move my progress to another phone": the ticked steps as a short code with a check
// character, made and read on the phone. The link carries the code after "#", which the
// browser never sends to a server. Restoring asks first, and only adds ticks.
"use strict";

(() => {
  const store = window.guideStore;
  const out = document.getElementById("code-out");
  const form = document.getElementById("code-in");
  const input = document.getElementById("code-input");
  const status = document.getElementById("restore-status");
  // Crockford's base 32: no I, L, O or U, so a code read aloud or typed is hard to get wrong.
  const DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  // Every published step id at its place (step_ids.txt); blank when no longer in the guide.
  const ids = out.dataset.ids.split(",");
  const STEP_ID = /^[a-z0-9-]{1,64}$/;
  const isProgress = (value) =>
    value !== null &&
    typeof value === "object" &&
    Array.isArray(value.done) &&
    value.done.every((id) => typeof id === "string" && STEP_ID.test(id));
  const done = () => new Set((store.read("progress", isProgress) || { done: [] }).done);
  // The first codes' check: a weighted sum modulo 31, blind to some mistakes (0 and Z alike).
  const check = (values) =>
    DIGITS[values.reduce((sum, value, place) => sum + (place + 1) * value, 0) % 31];
  // Codes since carry a mark, U (never a character of the first codes), and a Luhn mod 32
  // check character, which catches every single wrong character.
  const MARK = "U";
  const luhn = (values) => {
    let sum = 0;
    [...values].reverse().forEach((value, place) => {
      const addend = place % 2 ? value : value * 2;
      sum += Math.floor(addend / 32) + (addend % 32);
    });
    return DIGITS[(32 - (sum % 32)) % 32];
  };

  // Five steps to a character, in the order of the published list; then the check character.
  function encode(ticked) {
    const values = new Array(Math.ceil(ids.length / 5)).fill(0);
    ids.forEach((id, place) => {
      if (id && ticked.has(id)) values[Math.floor(place / 5)] |= 1 << (place % 5);
    });
    while (values.length && !values[values.length - 1]) values.pop();
    return values.length ? MARK + values.map((value) => DIGITS[value]).join("") + luhn(values) : "";
  }

  // The step ids in a code that this guide still has, or null when the code is not right.
  function decode(code) {
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

  function showCode() {
    const code = encode(done());
    document.getElementById("no-ticks").hidden = Boolean(code);
    document.getElementById("has-ticks").hidden = !code;
    document.getElementById("code").textContent = code.replace(/(.{4})(?=.)/g, "$1-");
    document.getElementById("code-link").href = `${location.pathname}#${code}`;
  }

  // The code, copied or sent on as text (the phone's share sheet, where there is one).
  const copied = document.getElementById("code-copied");
  document.getElementById("copy-code").onclick = () => {
    const code = document.getElementById("code").textContent;
    const byHand = () => (copied.textContent = copied.dataset.byHand);
    if (!navigator.clipboard) return byHand();
    navigator.clipboard
      .writeText(code)
      .then(() => (copied.textContent = copied.dataset.copied), byHand);
  };
  const share = document.getElementById("share-code");
  share.hidden = !navigator.share;
  share.onclick = () =>
    navigator
      .share({
        text: document.getElementById("code").textContent,
        url: document.getElementById("code-link").href,
      })
      .catch(() => {});

  // A code refused is said under the field, which gets the focus (and the screen's view).
  const error = document.getElementById("code-error");
  const refuse = (text) => {
    error.textContent = text;
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.focus();
  };
  input.addEventListener("input", () => {
    error.hidden = true;
    input.setAttribute("aria-invalid", "false");
  });

  function restore(code) {
    const found = decode(code);
    status.textContent = "";
    if (found === null) return refuse(form.dataset.wrong);
    if (!found.length) return refuse(form.dataset.none);
    if (!confirm(form.dataset.ask.replace("{count}", found.length)))
      return (status.textContent = "");
    const ticked = done();
    for (const id of found) ticked.add(id);
    store.write("progress", { done: [...ticked] });
    status.textContent = form.dataset.done.replace("{count}", found.length);
    showCode();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    restore(input.value);
  });
  showCode();
  // Opened from a link: the code is after "#". It is asked about once, then taken away.
  let fromLink = "";
  try {
    fromLink = decodeURIComponent(location.hash.slice(1));
  } catch (error) {
    fromLink = location.hash.slice(1); // not a code: refused like a mistyped one
  }
  if (fromLink) {
    history.replaceState(null, "", location.pathname);
    input.value = fromLink;
    restore(fromLink);
  }
})();
