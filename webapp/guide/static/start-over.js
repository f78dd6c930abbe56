// "Start this method over", with "Undo" for data-seconds; progress.js saves the boxes.
(() => {
  const startOver = document.getElementById("start-over");
  const undo = document.getElementById("undo");
  let cleared = [];
  let expiry = null;
  const set = (boxes, checked) => {
    for (const box of boxes) {
      box.checked = checked;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }
  };
  const endUndo = () => {
    clearTimeout(expiry);
    undo.hidden = true;
  };
  startOver.hidden = false;
  startOver.addEventListener("click", () => {
    cleared = [...document.querySelectorAll(".steps > li > label > input:checked")];
    document.getElementById("nothing-to-clear").hidden = cleared.length > 0;
    if (!cleared.length) return endUndo();
    set(cleared, false);
    endUndo();
    undo.hidden = false;
    expiry = setTimeout(endUndo, Number(undo.dataset.seconds) * 1000);
  });
  document.getElementById("undo-button").addEventListener("click", () => {
    set(cleared, true);
    endUndo();
    startOver.focus();
  });
})();
