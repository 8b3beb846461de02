// Keyboard shortcuts for the workspace. Progressive enhancement: every action also has a
// link or button. Shortcuts are ignored while typing in a field.
(function () {
  "use strict";
  function skriver(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || skriver(document.activeElement)) return;
    if (e.key === "n" || e.key === "s") {
      // n: register an ärende, s: register a call (the links carry the accesskey).
      var lank = document.querySelector("a[accesskey='" + e.key + "']");
      if (lank) { e.preventDefault(); window.location.href = lank.href; }
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
