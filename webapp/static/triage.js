// "Where do I start?" offline: the page carries the answer for every combination.
"use strict";

(() => {
  const form = document.getElementById("triage");
  const table = JSON.parse(form.dataset.table);
  const pool = document.getElementById("advice-pool").content;
  const names = [...new Set([...form.querySelectorAll("input[type=radio]")].map((r) => r.name))];

  // "yynny" for complete answers, else null.
  function keyOf(values) {
    const letters = names.map((name) => ({ yes: "y", no: "n" })[values.get(name)]);
    return letters.every(Boolean) ? letters.join("") : null;
  }

  function fill(listId, keys) {
    const items = keys.split(" ").filter(Boolean);
    document
      .getElementById(listId)
      .replaceChildren(...items.map((key) => pool.querySelector(`[data-advice="${key}"]`).cloneNode(true)));
  }

  function showAdvice(key) {
    const [follow, avoid] = table[key].split("|");
    fill("follow", follow);
    fill("avoid", avoid);
    document.getElementById("advice").hidden = false;
  }

  form.addEventListener("submit", (event) => {
    const values = new URLSearchParams(new FormData(form));
    const key = keyOf(values);
    if (!key) return; // let the browser say which question is missing
    event.preventDefault();
    history.replaceState(null, "", `?${values}`);
    showAdvice(key);
    document.getElementById("advice-heading").focus();
  });

  // Opened with answers in the address (a bookmark, or the saved page offline).
  const fromAddress = new URLSearchParams(location.search);
  const key = keyOf(fromAddress);
  if (key) {
    for (const name of names) {
      const radio = form.querySelector(`input[name="${name}"][value="${fromAddress.get(name)}"]`);
      if (radio) radio.checked = true;
    }
    showAdvice(key);
  }
})();
