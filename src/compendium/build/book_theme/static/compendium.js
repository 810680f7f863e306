// Tells a reader when a table is wider than its box: the line before the box ("Scroll sideways to see
// every column", put in the page by the book theme) is shown when, and only when, the box scrolls.
// A ResizeObserver reports each box once laid out and again whenever its width changes (a table
// that fits at 1280 px may not at 390 px); the line always takes its place, so showing it changes
// no layout, only what is painted.
(() => {
  const BOXES = ".pst-scrollable-table-container, div.output.text_html";

  function update(entries) {
    const measured = entries.map((entry) => [entry.target, entry.target.scrollWidth > entry.target.clientWidth + 1]);
    for (const [box, scrolls] of measured) {
      const hint = box.previousElementSibling;
      if (hint !== null && hint.classList.contains("compendium-scroll-hint")) {
        hint.classList.toggle("compendium-scroll-hint--shown", scrolls);
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
