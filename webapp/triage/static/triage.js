// "Where do I start?" offline: the page carries the whole decision tree, so the browser
// walks it without a copy of the rules: each node asks a question or gives the advice.
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
      .replaceChildren(
        ...items.map((key) => pool.querySelector(`[data-advice="${key}"]`).cloneNode(true)),
      );
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

  // The answers given so far (only the questions on the path are enabled, so sent).
  function answersQuery() {
    const data = new FormData(form);
    data.delete("shown");
    return new URLSearchParams(data).toString();
  }

  // Switching language keeps the answers: the other language's link carries them.
  function keepAnswersAcrossLanguages() {
    const query = answersQuery();
    for (const link of document.querySelectorAll("a[hreflang]")) {
      const url = new URL(link.href);
      url.search = query;
      link.href = url.href;
    }
  }

  function update() {
    const state = walk();
    showQuestions(state.asked);
    showAdvice(state.advice);
    keepAnswersAcrossLanguages();
    for (const message of form.querySelectorAll("[data-unanswered]")) message.hidden = true;
    return state;
  }

  // An empty submit: say so at the question left unanswered, and bring it into view.
  function askAgain(name) {
    const fieldset = form.querySelector(`fieldset[data-question="${name}"]`);
    const message = document.getElementById("choose");
    fieldset.querySelector("legend").after(message);
    message.hidden = false;
    fieldset.scrollIntoView({ block: "start" });
    fieldset.querySelector("input").focus({ preventScroll: true });
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const state = update();
    if (state.pending) {
      askAgain(state.pending);
      return;
    }
    history.replaceState(null, "", `?${answersQuery()}`);
    // The answer sits above the form: bring it to the top of the screen, and focus it for
    // screen readers.
    document.getElementById("advice").scrollIntoView({ block: "start" });
    document.getElementById("advice-heading").focus({ preventScroll: true });
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
