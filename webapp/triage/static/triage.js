// "Where do I start?" offline: the page carries the whole decision tree, so the browser
// walks it without a copy of the rules: each node asks a question or gives the advice.
"use strict";

(() => {
  const form = document.getElementById("triage");
  const tree = JSON.parse(form.dataset.tree);
  const pool = document.getElementById("advice-pool").content;
  const fieldsets = [...form.querySelectorAll("fieldset[data-question]")];

  // Follow the checked answers from the root: {asked, pending} or {asked, advice}.
  function walk() {
    const asked = [];
    let key = "";
    let node = tree[key];
    while (node.startsWith("?")) {
      const name = node.slice(1);
      asked.push(name);
      const checked = form.querySelector(`input[name="${name}"]:checked`);
      if (!checked) return { asked, pending: name };
      key = key ? `${key}/${checked.value}` : checked.value;
      node = tree[key];
    }
    return { asked, advice: node };
  }

  // Only the questions on the person's path are shown (and sent).
  function showQuestions(asked) {
    for (const fieldset of fieldsets) {
      const on = asked.includes(fieldset.dataset.question);
      fieldset.hidden = !on;
      fieldset.disabled = !on;
    }
  }

  function fill(listId, keys) {
    const items = keys.split(" ").filter(Boolean);
    document
      .getElementById(listId)
      .replaceChildren(...items.map((key) => pool.querySelector(`[data-advice="${key}"]`).cloneNode(true)));
  }

  function showAdvice(advice) {
    const section = document.getElementById("advice");
    if (!advice) {
      section.hidden = true;
      return;
    }
    const [follow, avoid] = advice.split("|");
    fill("follow", follow);
    fill("avoid", avoid);
    section.hidden = false;
  }

  function update() {
    const state = walk();
    showQuestions(state.asked);
    showAdvice(state.advice);
    return state;
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const state = update();
    if (state.pending) {
      form.querySelector(`input[name="${state.pending}"]`).focus();
      return;
    }
    history.replaceState(null, "", `?${new URLSearchParams(new FormData(form))}`);
    document.getElementById("advice-heading").focus();
  });

  // Opened with answers in the address (a bookmark, or the saved page offline).
  const fromAddress = new URLSearchParams(location.search);
  for (const [name, value] of fromAddress) {
    const radio = [...form.querySelectorAll("input[type=radio]")].find(
      (input) => input.name === name && input.value === value,
    );
    if (radio) radio.checked = true;
  }
  update();
})();
