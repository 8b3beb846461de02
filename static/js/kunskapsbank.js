// The kunskapsbank side panel: "Använd svaret" puts the article's answer into the reply
// field (#svar-text) and opens its section. The server records the usage and sends the
// text in an HX-Trigger event, so the page never holds the answer twice.
(function () {
  "use strict";
  if (window.kunskapsbankLyssnar) return;
  window.kunskapsbankLyssnar = true;
  document.body.addEventListener("kunskapsbank-anvand", function (e) {
    var falt = document.getElementById("svar-text");
    if (!falt) return;
    var oppna = falt.closest("details");
    if (oppna) oppna.open = true;
    falt.value = falt.value ? falt.value + "\n\n" + e.detail.text : e.detail.text;
    falt.focus();
  });
})();
