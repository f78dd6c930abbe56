// The support-request helper: everything happens on this phone; nothing is sent anywhere.
"use strict";

(() => {
  const store = window.guideStore;
  const form = document.getElementById("support");
  const wording = JSON.parse(form.dataset.wording);
  const imeiError = document.getElementById("imei-error");
  const FIELDS = ["model", "imei", "date", "place", "details", "message_lang"];

  // 15 digits, the last a Luhn check digit over the first 14.
  function imeiProblem(imei) {
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

  const isDraft = (value) =>
    value !== null &&
    typeof value === "object" &&
    Object.values(value).every((v) => typeof v === "string" || (Array.isArray(v) && v.every((p) => typeof p === "string")));

  function current() {
    const data = new FormData(form);
    const draft = Object.fromEntries(FIELDS.map((name) => [name, String(data.get(name) || "").trim()]));
    draft.imei = draft.imei.replace(/[\s-]/g, "");
    draft.proofs = data.getAll("proof");
    return draft;
  }

  function restore(draft) {
    for (const name of FIELDS) {
      if (typeof draft[name] !== "string") continue;
      const field = form.elements[name];
      if (field instanceof RadioNodeList) {
        for (const radio of field) radio.checked = radio.value === draft[name];
      } else if (field) field.value = draft[name];
    }
    for (const box of form.querySelectorAll("input[name=proof]")) {
      box.checked = Array.isArray(draft.proofs) && draft.proofs.includes(box.value);
    }
  }

  function compose(draft) {
    const words = wording[draft.message_lang] || wording[Object.keys(wording)[0]];
    const fill = (text) => text.replace(/\{(\w+)\}/g, (_, key) => draft[key] || "");
    const proofs = draft.proofs.map((proof) => words[proof]).filter(Boolean);
    const lines = [words.greeting, "", fill(words.intro), "", fill(words.imei)];
    if (draft.date) lines.push(fill(words.date));
    if (draft.place) lines.push(fill(words.place));
    if (proofs.length) lines.push(words.proofs.replace("{proofs}", proofs.join(", ")));
    if (draft.details) lines.push("", fill(words.details));
    lines.push("", words.thanks);
    return { subject: fill(words.subject), body: lines.join("\n") };
  }

  function showImeiProblem(problem) {
    const field = form.elements.imei;
    imeiError.hidden = !problem;
    imeiError.textContent = problem ? imeiError.dataset[problem] : "";
    field.setAttribute("aria-invalid", problem ? "true" : "false");
  }

  form.addEventListener("input", () => store.write("support", current()));
  form.addEventListener("change", () => store.write("support", current()));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const draft = current();
    const problem = imeiProblem(draft.imei);
    showImeiProblem(problem);
    if (problem) {
      form.elements.imei.focus();
      return;
    }
    const message = compose(draft);
    document.getElementById("message").textContent = message.body;
    document.getElementById("mailto").href =
      `mailto:${form.dataset.email}?subject=${encodeURIComponent(message.subject)}&body=${encodeURIComponent(message.body)}`;
    const share = document.getElementById("share");
    share.hidden = !navigator.share;
    share.onclick = () => navigator.share({ title: message.subject, text: message.body }).catch(() => {});
    document.getElementById("result").hidden = false;
    document.getElementById("result-heading").focus();
  });

  document.getElementById("copy").addEventListener("click", async () => {
    const text = document.getElementById("message").textContent;
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {
      // Older browsers: select the text so a long press copies it.
      getSelection().selectAllChildren(document.getElementById("message"));
      return;
    }
    document.getElementById("copied").hidden = false;
  });

  const saved = store.read("support", isDraft);
  if (saved) restore(saved);
})();
