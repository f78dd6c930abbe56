// "Move my progress to another phone": the ticked steps as a short code with a check
// character, made and read on the phone. The link carries the code after "#", which the
// browser never sends to a server. Restoring asks first, and only adds ticks.
import { decode as decodeProgress, encode as encodeProgress } from "../scripts/progress-code.js";
import { readDone as done, writeDone } from "../scripts/progress-store.js";

(() => {
  const out = document.getElementById("code-out");
  const form = document.getElementById("code-in");
  const input = document.getElementById("code-input");
  const status = document.getElementById("restore-status");
  // Every published step id at its place (step_ids.txt); blank when no longer in the guide.
  const ids = out.dataset.ids.split(",");
  const encode = (ticked) => encodeProgress(ids, ticked);
  const decode = (code) => decodeProgress(ids, code);

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
    writeDone(ticked);
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
