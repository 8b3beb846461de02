// Keyboard shortcuts for the workspace. Progressive enhancement: every action also has a
// link or button. Shortcuts are ignored while typing in a field.
(function () {
  "use strict";
  function skriver(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || skriver(document.activeElement)) return;
    if (e.key === "n") {
      var nytt = document.querySelector("a[accesskey='n']");
      if (nytt) { e.preventDefault(); window.location.href = nytt.href; }
    } else if (e.key === "/") {
      var sok = document.getElementById("q");
      if (sok) { e.preventDefault(); sok.focus(); sok.select(); }
    }
  });
  // Move focus to an error summary after an htmx swap, so screen readers announce it.
  document.addEventListener("htmx:afterSwap", function (e) {
    var fel = e.detail.target.querySelector("[role='alert']");
    if (fel) { fel.setAttribute("tabindex", "-1"); fel.focus(); }
  });
})();
