// The main menu's groups (templates/base.html): disclosure buttons after the WAI-ARIA
// "disclosure navigation" pattern. Enter or Space on a group's button opens it (the button
// says so with aria-expanded), Tab walks its links, Escape closes it and puts focus back on
// the button, and leaving the group with Tab or a click elsewhere closes it. No hover.
(function () {
  "use strict";
  function lista(knapp) {
    return document.getElementById(knapp.getAttribute("aria-controls"));
  }
  function visa(knapp, oppen) {
    knapp.setAttribute("aria-expanded", oppen ? "true" : "false");
    lista(knapp).hidden = !oppen;
  }
  function stangAlla(utom) {
    document.querySelectorAll(".meny-knapp[aria-expanded='true']").forEach(function (k) {
      if (k !== utom) visa(k, false);
    });
  }
  function init() {
    document.querySelectorAll(".meny-knapp").forEach(function (knapp) {
      var grupp = knapp.closest(".meny-grupp");
      knapp.addEventListener("click", function () {
        var oppen = knapp.getAttribute("aria-expanded") !== "true";
        stangAlla(knapp);
        visa(knapp, oppen);
      });
      knapp.addEventListener("keydown", function (e) {
        // Arrow down opens the group at its first link, as in most menu bars.
        if (e.key === "ArrowDown") {
          e.preventDefault();
          stangAlla(knapp);
          visa(knapp, true);
          var forsta = lista(knapp).querySelector("a");
          if (forsta) forsta.focus();
        }
      });
      grupp.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && knapp.getAttribute("aria-expanded") === "true") {
          e.preventDefault();
          e.stopPropagation();
          visa(knapp, false);
          knapp.focus();
        }
      });
      grupp.addEventListener("focusout", function (e) {
        if (e.relatedTarget && !grupp.contains(e.relatedTarget)) visa(knapp, false);
      });
    });
    document.addEventListener("click", function (e) {
      if (!e.target.closest(".meny-grupp")) stangAlla(null);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
