// Tells a reader when a table is wider than its box: a line above the box says it scrolls sideways.
// A ResizeObserver reports each box once laid out and again whenever its width changes (a table
// that fits at 1280 px may not at 390 px), so the check never forces the browser to lay out the
// page early: all boxes are measured first, then the lines are added or removed.
(() => {
  const BOXES = ".pst-scrollable-table-container, div.cell_output .output";
  const HINT = "Scroll sideways to see every column.";

  function hintOf(box) {
    const before = box.previousElementSibling;
    return before !== null && before.classList.contains("compendium-scroll-hint") ? before : null;
  }

  function update(entries) {
    const measured = entries.map((entry) => [entry.target, entry.target.scrollWidth > entry.target.clientWidth + 1]);
    for (const [box, scrolls] of measured) {
      box.classList.toggle("compendium-scrolls", scrolls);
      const hint = hintOf(box);
      if (scrolls && hint === null) {
        const line = document.createElement("p");
        line.className = "compendium-scroll-hint";
        line.textContent = HINT;
        box.before(line);
      } else if (!scrolls && hint !== null) {
        hint.remove();
      }
    }
  }

  const start = () => {
    const observer = new ResizeObserver(update);
    document.querySelectorAll(BOXES).forEach((box) => observer.observe(box));
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// On a wide screen only the sidebar's list of chapters scrolls (compendium.css), so the theme's own
// scrolling of the sidebar to the current page no longer reaches it: bring the current page's
// entry into the list's view when it is below it (an appendix on a 768 px tall screen).
(() => {
  const start = () => {
    const list = document.querySelector(".bd-sidebar-primary .sidebar-primary-item:has(> nav.bd-docs-nav)");
    const current = list && list.querySelector("a.current, li.current > a");
    if (!current) return;
    // Measured once the browser has laid the list out (no early layout of the page for it).
    const observer = new ResizeObserver(() => {
      observer.disconnect();
      if (list.scrollHeight <= list.clientHeight) return;
      const [box, entry] = [list.getBoundingClientRect(), current.getBoundingClientRect()];
      if (entry.bottom > box.bottom) list.scrollTop += entry.top - box.top - list.clientHeight / 3;
    });
    observer.observe(list);
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
