// Charts on the statistics page, drawn with the vendored Chart.js from the JSON the server
// embeds. Every chart has a table with the same figures on the page (WCAG 1.1.1), so the
// page is complete without JavaScript.
(function () {
  "use strict";
  var diagram = [];
  var farger = ["#1f5f8b", "#c05621", "#2f855a", "#6b46c1", "#b7791f"];
  // Each channel's line also differs in dash and point shape, so that the chart can be read
  // without telling the colours apart (WCAG 1.4.1); the legend shows the same marks.
  var streck = [[], [8, 4], [2, 3], [12, 4, 2, 4], [4, 4]];
  var punkter = ["circle", "rect", "triangle", "rectRot", "crossRot"];

  function rita() {
    if (!window.Chart) return;
    var kalla = document.getElementById("statistik-diagram");
    if (!kalla) return;
    var data = JSON.parse(kalla.textContent);
    diagram.forEach(function (d) { d.destroy(); });
    diagram = [];
    var tid = document.getElementById("diagram-tid");
    if (tid) {
      diagram.push(new Chart(tid, {
        type: "line",
        data: {
          labels: data.tid.etiketter,
          datasets: data.tid.serier.map(function (s, i) {
            var n = i % farger.length;
            return { label: s.namn, data: s.data, borderColor: farger[n], backgroundColor: farger[n],
                     borderDash: streck[n], pointStyle: punkter[n], pointRadius: 3, borderWidth: 2,
                     tension: 0.2 };
          })
        },
        options: { animation: false, responsive: true, interaction: { mode: "index", intersect: false },
                   plugins: { legend: { labels: { usePointStyle: true } } } }
      }));
    }
    var forv = document.getElementById("diagram-forvaltning");
    if (forv) {
      diagram.push(new Chart(forv, {
        type: "bar",
        data: { labels: data.forvaltning.etiketter,
                datasets: [{ label: "Ärenden", data: data.forvaltning.data, backgroundColor: farger[0] }] },
        options: { animation: false, indexAxis: "y", responsive: true, plugins: { legend: { display: false } } }
      }));
    }
  }
  document.addEventListener("DOMContentLoaded", rita);
  // The preset buttons and dates sit outside the swapped result; show what the server used,
  // so that the next filter change keeps the period.
  function markeraForval() {
    var resultat = document.getElementById("resultat");
    if (!resultat) return;
    if (resultat.dataset.fran) document.getElementById("fran").value = resultat.dataset.fran;
    if (resultat.dataset.till) document.getElementById("till").value = resultat.dataset.till;
    document.querySelectorAll(".statistikfilter .forval").forEach(function (lank) {
      if (lank.dataset.forval === resultat.dataset.forval) lank.setAttribute("aria-current", "true");
      else lank.removeAttribute("aria-current");
    });
  }
  document.addEventListener("htmx:afterSettle", function () {
    if (document.getElementById("resultat")) { rita(); markeraForval(); }
  });
})();
