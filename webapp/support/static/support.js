// The support-request helper: everything happens on this phone; nothing is sent anywhere.
import * as store from "../../core/scripts/storage.js";
import { imeiProblem } from "../scripts/imei.js";

(() => {
  const form = document.getElementById("support");
  const wording = JSON.parse(form.dataset.wording);
  const problems = document.getElementById("imei-problems").dataset;
  const IMEI_FIELDS = { imei1: "imei-error", imei2: "imei2-error" };
  const FIELDS = [
    "name",
    "account",
    "reply",
    "model",
    "imei1",
    "imei2",
    "date",
    "place",
    "country",
    "details",
    "message_lang",
  ];

  // "2019-03-15" → "15 Maret 2019" / "15 March 2019", with the server's month names, so
  // that an old browser without the language's date data still writes it right.
  function longDate(iso, months) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!match) return iso;
    return `${Number(match[3])} ${months[Number(match[2]) - 1]} ${match[1]}`;
  }

  const isDraft = (value) =>
    value !== null &&
    typeof value === "object" &&
    Object.values(value).every(
      (v) => typeof v === "string" || (Array.isArray(v) && v.every((p) => typeof p === "string")),
    );

  function current() {
    const data = new FormData(form);
    const draft = Object.fromEntries(
      FIELDS.map((name) => [name, String(data.get(name) || "").trim()]),
    );
    draft.imei1 = draft.imei1.replace(/[\s-]/g, "");
    draft.imei2 = draft.imei2.replace(/[\s-]/g, "");
    draft.proofs = data.getAll("proof");
    draft.attached = data.get("attached") === "yes" ? "yes" : "";
    return draft;
  }

  function restore(draft) {
    // Drafts saved by the first edition had one IMEI field.
    if (typeof draft.imei === "string" && draft.imei1 === undefined) draft.imei1 = draft.imei;
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
    form.elements.attached.checked = draft.attached === "yes";
  }

  function compose(draft) {
    const words = wording[draft.message_lang] || wording[Object.keys(wording)[0]];
    const values = { ...draft, date: longDate(draft.date, words.months) };
    const fill = (text) => text.replace(/\{(\w+)\}/g, (_, key) => values[key] || "");
    const proofs = draft.proofs.map((proof) => words[proof]).filter(Boolean);
    const lines = [words.greeting, "", fill(words.intro), ""];
    for (const part of ["name", "account", "imei1", "imei2", "date", "place", "country"]) {
      if (draft[part]) lines.push(fill(words[part]));
    }
    if (proofs.length) lines.push(words.proofs.replace("{proofs}", proofs.join(", ")));
    if (draft.attached) lines.push(words.attached);
    if (draft.details) lines.push("", fill(words.details));
    if (draft.reply) lines.push("", fill(words.reply));
    lines.push("", words.thanks);
    const subject = draft.imei1 ? words["subject-imei"] : words.subject;
    return { subject: fill(subject), body: lines.join("\n") };
  }

  // Each IMEI given must be valid; none at all is allowed, with a warning. While typing
  // (onlyFixed), an error shown goes once its IMEI is right, and no new one appears.
  function checkImeis(draft, onlyFixed) {
    let firstWrong = null;
    for (const [name, errorId] of Object.entries(IMEI_FIELDS)) {
      const error = document.getElementById(errorId);
      const problem = draft[name] ? imeiProblem(draft[name]) : null;
      if (onlyFixed && error.hidden) continue;
      error.hidden = !problem;
      error.textContent = problem ? problems[problem] : "";
      form.elements[name].setAttribute("aria-invalid", problem ? "true" : "false");
      if (problem && !firstWrong) firstWrong = form.elements[name];
    }
    const missing = document.getElementById("imei-missing");
    if (!onlyFixed || draft.imei1 || draft.imei2)
      missing.hidden = Boolean(draft.imei1 || draft.imei2);
    return firstWrong;
  }

  // "Copied." is about the message as it was: any change to it puts the note away.
  const copiedNotes = () => {
    document.getElementById("copied").hidden = true;
    document.getElementById("copy-by-hand").hidden = true;
  };
  const result = document.getElementById("result");

  function write(draft) {
    const message = compose(draft);
    document.getElementById("message").textContent = message.body;
    document.getElementById("mailto").href =
      `mailto:${form.dataset.email}?subject=${encodeURIComponent(message.subject)}&body=${encodeURIComponent(message.body)}`;
    const share = document.getElementById("share-message");
    share.hidden = !navigator.share;
    share.onclick = () =>
      navigator.share({ title: message.subject, text: message.body }).catch(() => {});
  }

  // Once written, the message shown is always the fields' as they are now: an edit writes it
  // again, or puts it away while an IMEI given is not valid, and brings it back once it is.
  let written = false;
  const forgotten = document.getElementById("draft-forgotten");
  const edited = () => {
    copiedNotes();
    forgotten.textContent = "";
    const draft = current();
    store.write("support", draft);
    checkImeis(draft, true);
    if (!written) return;
    const wrong = Object.keys(IMEI_FIELDS).some((name) => draft[name] && imeiProblem(draft[name]));
    result.hidden = wrong;
    if (!wrong) write(draft);
  };
  // The phone may not be the person's: what they typed goes at one tap.
  document.getElementById("forget-draft").addEventListener("click", () => {
    store.remove("support");
    form.reset();
    checkImeis(current(), true);
    document.getElementById("imei-missing").hidden = true;
    written = false;
    result.hidden = true;
    forgotten.textContent = forgotten.dataset.done;
  });
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    copiedNotes();
    const draft = current();
    const wrong = checkImeis(draft);
    if (wrong) {
      wrong.focus();
      return;
    }
    write(draft);
    written = true;
    result.hidden = false;
    document.getElementById("result-heading").focus();
  });

  // Copy works everywhere, with share or without: the clipboard, else the browser's older copy
  // command, else the message is selected and the page says how to copy it by hand.
  document.getElementById("copy").addEventListener("click", async () => {
    const message = document.getElementById("message");
    let copied = false;
    try {
      await navigator.clipboard.writeText(message.textContent);
      copied = true;
    } catch (error) {
      getSelection().selectAllChildren(message);
      try {
        copied = document.execCommand("copy");
      } catch (failed) {
        copied = false;
      }
    }
    document.getElementById(copied ? "copied" : "copy-by-hand").hidden = false;
  });

  const saved = store.read("support", isDraft);
  if (saved) restore(saved);
})();
