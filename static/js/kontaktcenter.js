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

// The queue's free-text search travels in the URL (GET, bookmarkable). A personnummer must
// not: it would stay in the browser's history and in access logs. While the box holds
// only digits (a personnummer or telephone number being typed), nothing is sent as you
// type; on submit, a personnummer goes to the posted person search instead. The server
// refuses a personnummer in the URL all the same (arenden/filter.py), this only spares
// the round trip.
(function () {
  "use strict";
  var SIFFROR = /^[\d\s+-]+$/;
  var PERSONNUMMER = /^((19|20)?\d{6}[-+]\d{4}|(19|20)\d{10})$/;
  function luhn(tio) {
    var summa = 0;
    for (var i = 0; i < 10; i++) {
      var d = parseInt(tio.charAt(i), 10) * (i % 2 === 0 ? 2 : 1);
      summa += d > 9 ? d - 9 : d;
    }
    return summa % 10 === 0;
  }
  function arPersonnummer(text) {
    var t = text.trim();
    return PERSONNUMMER.test(t) || (/^\d{10}$/.test(t) && luhn(t));
  }
  document.addEventListener("htmx:beforeRequest", function (e) {
    var falt = document.getElementById("q");
    if (!falt || !falt.form || e.detail.elt !== falt.form) return;
    var text = falt.value;
    var utlost = e.detail.requestConfig && e.detail.requestConfig.triggeringEvent;
    if (utlost && utlost.type === "keyup" && SIFFROR.test(text)) {
      e.preventDefault();
      return;
    }
    if (arPersonnummer(text)) {
      e.preventDefault();
      var formular = document.getElementById(falt.getAttribute("data-personsok"));
      formular.elements.sok.value = text.trim();
      falt.value = "";
      formular.submit();
    }
  });
})();
