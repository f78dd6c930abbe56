// Checklist progress, saved on this phone by stable step id, so it survives reloads,
// going offline, switching language and updating the guide.
import { readDone, STEP_ID, writeDone } from "./progress-store.js";

(() => {
  // Each step's box; the step's id is its item's (the link target a reminder names).
  const boxes = [...document.querySelectorAll(".steps > li > label > input")];
  const stepOf = (box) => box.closest("li").id;
  // Not every [data-progress] counts steps: the wipe page's report has one of its own.
  const counters = [...document.querySelectorAll("[data-progress][data-steps]")];
  // Every page runs this script (page.js bundles it with app.js); most have no checklist.
  if (!boxes.length && !counters.length) return;

  // A neutral link to the home page (a calendar reminder's) names a step after "#": the home
  // page's list of methods goes on to the step on its method's page. Without JavaScript the
  // link opens the home page.
  const wanted = location.hash.slice(1);
  const owner =
    STEP_ID.test(wanted) &&
    !boxes.some((box) => stepOf(box) === wanted) &&
    counters.find((counter) => counter.dataset.steps.split(" ").includes(wanted));
  const methodLink =
    owner && owner.closest("li") && owner.closest("li").querySelector(":scope > a[href^='/']");
  if (methodLink) {
    location.replace(`${methodLink.href}#${wanted}`);
    return;
  }
  let done = new Set();

  function load() {
    done = readDone();
  }

  function render() {
    for (const box of boxes) box.checked = done.has(stepOf(box));
    for (const counter of counters) {
      const steps = counter.dataset.steps.split(" ");
      const count = steps.filter((id) => done.has(id)).length;
      counter.textContent = counter.dataset.progress.replace("{done}", count);
      // The home page shows progress only once a step of that method is ticked.
      counter.hidden = count === 0 && "hideZero" in counter.dataset;
    }
    offerContinue();
  }

  // "Continue at step N": the first step not ticked of the method ticked last.
  function offerContinue() {
    const offer = document.getElementById("continue");
    if (!offer) return;
    const stepsOf = (counter) => counter.dataset.steps.split(" ");
    const latest = [...done]
      .reverse()
      .find((id) => counters.some((counter) => stepsOf(counter).includes(id)));
    const counter = latest && counters.find((each) => stepsOf(each).includes(latest));
    const steps = counter ? stepsOf(counter) : [];
    const next = steps.findIndex((id) => !done.has(id));
    offer.hidden = next < 0;
    if (next < 0) return;
    const method =
      counter.closest("li") && counter.closest("li").querySelector(":scope > a[href^='/']");
    const link = offer.firstElementChild;
    link.href = `${method ? method.pathname : ""}#${steps[next]}`;
    link.textContent = offer.dataset.text
      .replace("{n}", next + 1)
      .replace("{title}", method ? method.textContent : "");
  }

  function save() {
    writeDone(done);
    render();
  }

  for (const box of boxes) {
    box.addEventListener("change", () => {
      if (box.checked) done.add(stepOf(box));
      else done.delete(stepOf(box));
      save();
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
