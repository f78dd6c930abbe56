// Checklist progress, saved on this phone by stable step id, so it survives reloads,
// going offline, switching language and updating the guide.
"use strict";

(() => {
  const store = window.guideStore;
  const STEP_ID = /^[a-z0-9-]{1,64}$/;
  const isProgress = (value) =>
    value !== null &&
    typeof value === "object" &&
    Array.isArray(value.done) &&
    value.done.every((id) => typeof id === "string" && STEP_ID.test(id));

  const boxes = [...document.querySelectorAll("input[data-step]")];
  const counters = [...document.querySelectorAll("[data-progress]")];
  let done = new Set();

  function load() {
    const saved = store.read("progress", isProgress);
    done = new Set(saved ? saved.done : []);
  }

  function render() {
    for (const box of boxes) box.checked = done.has(box.dataset.step);
    for (const counter of counters) {
      const steps = counter.dataset.steps.split(" ");
      const count = steps.filter((id) => done.has(id)).length;
      counter.textContent = counter.dataset.progress.replace("{done}", count);
      // The home page shows progress only once a step of that method is ticked.
      counter.hidden = count === 0 && "hideZero" in counter.dataset;
    }
  }

  function save() {
    store.write("progress", { done: [...done] });
    render();
  }

  for (const box of boxes) {
    box.addEventListener("change", () => {
      if (box.checked) done.add(box.dataset.step);
      else done.delete(box.dataset.step);
      save();
    });
  }

  // "Start this method over" clears its ticks; "Undo" brings them back for a while
  // (data-seconds on #undo), then the offer goes.
  const startOver = document.getElementById("start-over");
  if (startOver) {
    const undo = document.getElementById("undo");
    let cleared = [];
    let expiry = null;
    const endUndo = () => {
      clearTimeout(expiry);
      undo.hidden = true;
    };
    startOver.hidden = false;
    startOver.addEventListener("click", () => {
      cleared = boxes.map((box) => box.dataset.step).filter((id) => done.has(id));
      if (!cleared.length) return;
      for (const id of cleared) done.delete(id);
      save();
      endUndo();
      undo.hidden = false;
      expiry = setTimeout(endUndo, Number(undo.dataset.seconds) * 1000);
    });
    document.getElementById("undo-button").addEventListener("click", () => {
      for (const id of cleared) done.add(id);
      save();
      endUndo();
      startOver.focus();
    });
  }

  // Back from another page (or tab) that changed the ticks, such as the wipe page.
  addEventListener("pageshow", (event) => {
    if (event.persisted) {
      load();
      render();
    }
  });
  addEventListener("storage", () => {
    load();
    render();
  });

  load();
  render();
})();
