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
    value !== null && typeof value === "object" && Array.isArray(value.done) && value.done.every((id) => typeof id === "string" && STEP_ID.test(id));
  const done = () => new Set((store.read("progress", isProgress) || { done: [] }).done);
  const check = (values) => DIGITS[values.reduce((sum, value, place) => sum + (place + 1) * value, 0) % 31];

  // Five steps to a character, in the order of the published list; then the check character.
  function encode(ticked) {
    const values = new Array(Math.ceil(ids.length / 5)).fill(0);
    ids.forEach((id, place) => {
      if (id && ticked.has(id)) values[Math.floor(place / 5)] |= 1 << place % 5;
    });
    while (values.length && !values[values.length - 1]) values.pop();
    return values.length ? values.map((value) => DIGITS[value]).join("") + check(values) : "";
  }

  // The step ids in a code that this guide still has, or null when the code is not right.
  function decode(code) {
    const clean = code.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
    if (clean.length < 2 || ![...clean].every((char) => DIGITS.includes(char))) return null;
    const values = [...clean.slice(0, -1)].map((char) => DIGITS.indexOf(char));
    if (check(values) !== clean.slice(-1)) return null;
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

  function restore(code) {
    const found = decode(code);
    if (found === null) return (status.textContent = form.dataset.wrong);
    if (!found.length) return (status.textContent = form.dataset.none);
    if (!confirm(form.dataset.ask.replace("{count}", found.length))) return (status.textContent = "");
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
