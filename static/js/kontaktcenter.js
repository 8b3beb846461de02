// The workspace's keyboard and split screen. Progressive enhancement: every action also has
// a link or a button, and without this file the links open full pages. Shortcuts never fire
// while typing in a field or while a dialog is open; "?" lists them (templates/_genvagar.html).
(function () {
  "use strict";

  // Wide enough for the queue and the ärende side by side (kontaktcenter.css, .arbetsyta).
  var BRED = window.matchMedia("(min-width: 80rem)");

  function skriver(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function oppenDialog() {
    return document.querySelector("dialog[open]");
  }
  function klicka(selektor) {
    var el = document.querySelector(selektor);
    if (el) { el.click(); return true; }
    return false;
  }
  function oppnaOchFokusera(detaljerId, falt) {
    var detaljer = document.getElementById(detaljerId);
    if (!detaljer) return false;
    detaljer.open = true;
    var mal = falt ? document.getElementById(falt) : detaljer.querySelector("input, select, textarea");
    if (mal) { mal.focus(); mal.scrollIntoView({ block: "center" }); }
    return true;
  }

  // ---- The queue: j/k move, Enter/o open ------------------------------------------------
  function rader() {
    return Array.prototype.slice.call(document.querySelectorAll("#rader tr"));
  }
  function aktuellRad() {
    var fokus = document.activeElement && document.activeElement.closest("#rader tr");
    var oppen = document.querySelector("#rader a.oppna[aria-current='true']");
    return fokus || document.querySelector("#rader tr.markerad") || (oppen && oppen.closest("tr"));
  }
  function markera(rad) {
    rader().forEach(function (r) { r.classList.remove("markerad"); });
    if (!rad) return;
    rad.classList.add("markerad");
    var lank = rad.querySelector("a.oppna");
    if (lank) lank.focus();
    rad.scrollIntoView({ block: "nearest" });
  }
  function flytta(steg) {
    var alla = rader();
    if (!alla.length) return;
    var i = alla.indexOf(aktuellRad());
    i = i < 0 ? (steg > 0 ? 0 : alla.length - 1) : Math.max(0, Math.min(alla.length - 1, i + steg));
    markera(alla[i]);
  }

  // ---- Help dialog ---------------------------------------------------------------------
  function visaGenvagar() {
    var dialog = document.getElementById("genvagar");
    if (dialog && !dialog.open) dialog.showModal();
  }
  document.addEventListener("click", function (e) {
    if (e.target.closest("[data-genvagar-oppna]")) visaGenvagar();
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (oppenDialog() || skriver(document.activeElement)) return;
    var gjort = true;
    switch (e.key) {
      case "n": // register a call or visit, from anywhere
        gjort = klicka("a[data-genvag~='n']");
        break;
      case "j": flytta(1); break;
      case "k": flytta(-1); break;
      case "o": {
        var rad = aktuellRad();
        var lank = rad && rad.querySelector("a.oppna");
        if (lank) lank.click(); else gjort = false;
        break;
      }
      case "t": gjort = klicka("#arende [data-genvag='t']"); break;
      case "s":
      case "r":
        gjort = oppnaOchFokusera("svara", "svar-text");
        // Without an open ärende, "s" keeps its old meaning: register a call.
        if (!gjort && e.key === "s") gjort = klicka("a[data-genvag~='s']");
        break;
      case "e": gjort = oppnaOchFokusera("eskalera"); break;
      case "/": {
        var sok = document.getElementById("q");
        if (sok) { sok.focus(); sok.select(); } else gjort = false;
        break;
      }
      case "?": visaGenvagar(); break;
      default: gjort = false;
    }
    if (gjort) e.preventDefault();
  });

  // ---- New ärenden -----------------------------------------------------------------------
  // The queue asks for new ärenden every 20 s, but not from a tab nobody looks at (a
  // vägledare may keep several open all day); the first tick after it is shown again asks.
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (e.detail.elt && e.detail.elt.id === "ko-poll" && document.hidden) e.preventDefault();
  });

  // ---- The split screen ----------------------------------------------------------------
  // On a narrow screen (or at 200 % zoom) there is one column, and a list without a pane
  // (the person search) has none at all: open the full page instead.
  document.addEventListener("htmx:confirm", function (e) {
    var elt = e.detail.elt;
    var utanPanel = !BRED.matches || !document.getElementById("arendepanel");
    if (elt.matches && elt.matches("a.oppna") && utanPanel) {
      e.preventDefault();
      window.location.href = elt.href;
    }
  });

  // "Visa fler" replaces its own link: move focus to the first of the added rows.
  var raderFore = -1;
  document.addEventListener("htmx:beforeSwap", function (e) {
    raderFore = e.detail.target.id === "rader" ? rader().length : -1;
  });
  document.addEventListener("htmx:afterSettle", function (e) {
    if (e.detail.target.id !== "rader" || raderFore < 0) return;
    var forsta = rader()[raderFore];
    var lank = forsta && forsta.querySelector("a.oppna");
    if (lank) lank.focus();
    raderFore = -1;
  });

  function fokusEfterByte(mal) {
    var fel = mal.querySelector("[role='alert']");
    if (fel) { fel.setAttribute("tabindex", "-1"); fel.focus(); return; }
    var rubrik = mal.querySelector("#arende-rubrik");
    if (rubrik) rubrik.focus({ preventScroll: false });
  }
  document.addEventListener("htmx:afterSwap", function (e) {
    var mal = e.detail.target;
    if (mal.id === "arendepanel") {
      document.querySelector(".arbetsyta") && document.querySelector(".arbetsyta").classList.add("med-arende");
      var nummer = mal.querySelector("#arende-rubrik .nummer");
      rader().forEach(function (r) {
        var lank = r.querySelector("a.oppna");
        if (!lank) return;
        if (nummer && r.id === "rad-" + nummer.textContent.trim()) {
          lank.setAttribute("aria-current", "true");
          r.classList.add("markerad");
        } else {
          lank.removeAttribute("aria-current");
          r.classList.remove("markerad");
        }
      });
      // A later filter change keeps the open ärende in the URL it pushes.
      var filter = document.querySelector("form.filter");
      if (filter && nummer) {
        var dold = filter.querySelector("input[name='oppen']");
        if (!dold) {
          dold = document.createElement("input");
          dold.type = "hidden";
          dold.name = "oppen";
          filter.appendChild(dold);
        }
        dold.value = nummer.textContent.trim();
      }
      fokusEfterByte(mal);
    } else if (mal.id === "arende") {
      fokusEfterByte(mal);
    } else {
      // Move focus to an error summary after any other swap, so screen readers announce it.
      var fel = mal.querySelector("[role='alert']");
      if (fel) { fel.setAttribute("tabindex", "-1"); fel.focus(); }
    }
  });

  // ---- Errors htmx cannot swap: say so in Swedish in the live region -------------------
  function sagFel(text) {
    var ruta = document.getElementById("meddelanden");
    if (!ruta || !text) return;
    ruta.innerHTML = "";
    var p = document.createElement("p");
    p.className = "meddelande error";
    p.textContent = text;
    ruta.appendChild(p);
  }
  document.addEventListener("htmx:responseError", function (e) {
    // The queue's polling tries again by itself; one missed round is not worth a message.
    if (e.detail.elt.id === "ko-poll") return;
    sagFel(document.getElementById("meddelanden").dataset.serverfel);
  });
  document.addEventListener("htmx:sendError", function (e) {
    if (e.detail.elt.id === "ko-poll") return;
    sagFel(document.getElementById("meddelanden").dataset.natfel);
  });

  // ---- Svarsmallar in the reply box ----------------------------------------------------
  var mallFalt = null; // the textarea the picker inserts into
  var mallPosition = 0;

  function mallAlternativ() {
    return Array.prototype.slice.call(document.querySelectorAll("#svarsmall-alternativ [role='option']"));
  }
  function synliga() {
    return mallAlternativ().filter(function (o) { return !o.hidden; });
  }
  function valjMall(alt) {
    var filter = document.getElementById("svarsmall-filter");
    mallAlternativ().forEach(function (o) { o.setAttribute("aria-selected", o === alt ? "true" : "false"); });
    if (alt) {
      filter.setAttribute("aria-activedescendant", alt.id);
      alt.scrollIntoView({ block: "nearest" });
    } else {
      filter.removeAttribute("aria-activedescendant");
    }
  }
  function valdMall() {
    return document.querySelector("#svarsmall-alternativ [aria-selected='true']:not([hidden])");
  }
  function filtrera() {
    var ord = document.getElementById("svarsmall-filter").value.toLowerCase().trim().split(/\s+/);
    mallAlternativ().forEach(function (o) {
      var sok = o.dataset.sok || "";
      o.hidden = !ord.every(function (w) { return sok.indexOf(w) >= 0; });
    });
    valjMall(synliga()[0] || null);
  }
  function oppnaMallar(falt) {
    var dialog = document.getElementById("svarsmall-dialog");
    if (!dialog || !falt) return;
    mallFalt = falt;
    mallPosition = falt.selectionStart || 0;
    var filter = document.getElementById("svarsmall-filter");
    var lista = document.getElementById("svarsmall-lista");
    filter.value = "";
    dialog.showModal();
    filter.focus();
    fetch(falt.dataset.svarsmallar, { credentials: "same-origin" })
      .then(function (svar) {
        if (!svar.ok) throw new Error(svar.status);
        return svar.text();
      })
      .then(function (html) { lista.innerHTML = html; filtrera(); })
      .catch(function () {
        lista.innerHTML = "";
        var p = document.createElement("p");
        p.className = "fel";
        p.setAttribute("role", "alert");
        p.textContent = dialog.dataset.fel;
        lista.appendChild(p);
      });
  }
  function infoga(alt) {
    var dialog = document.getElementById("svarsmall-dialog");
    if (!alt || !mallFalt) return;
    var text = alt.dataset.text;
    var fore = mallFalt.value.slice(0, mallPosition);
    var efter = mallFalt.value.slice(mallPosition);
    mallFalt.value = fore + text + efter;
    dialog.close();
    mallFalt.focus();
    mallFalt.setSelectionRange(fore.length + text.length, fore.length + text.length);
    mallFalt.dispatchEvent(new Event("input", { bubbles: true }));
    var status = document.getElementById("meddelanden");
    if (status) {
      status.innerHTML = "";
      var p = document.createElement("p");
      p.className = "meddelande success";
      p.textContent = dialog.dataset.infogad + " " + alt.querySelector("strong").textContent;
      status.appendChild(p);
    }
  }

  document.addEventListener("click", function (e) {
    var knapp = e.target.closest("[data-svarsmall-oppna]");
    if (knapp) {
      var falt = knapp.closest("form").querySelector("textarea[data-svarsmallar]");
      oppnaMallar(falt);
      return;
    }
    var alt = e.target.closest("#svarsmall-alternativ [role='option']");
    if (alt) infoga(alt);
  });
  document.addEventListener("input", function (e) {
    if (e.target.id === "svarsmall-filter") { filtrera(); return; }
    // "#" typed at the start of a line in the reply opens the picker; the "#" goes away.
    var falt = e.target;
    if (!falt.matches || !falt.matches("textarea[data-svarsmallar]") || e.data !== "#") return;
    var pos = falt.selectionStart;
    var fore = falt.value.slice(0, pos - 1);
    if (fore !== "" && fore.slice(-1) !== "\n") return;
    falt.value = fore + falt.value.slice(pos);
    falt.setSelectionRange(pos - 1, pos - 1);
    oppnaMallar(falt);
  });
  document.addEventListener("keydown", function (e) {
    if (e.target.id !== "svarsmall-filter") return;
    var alla = synliga();
    var i = alla.indexOf(valdMall());
    if (e.key === "ArrowDown") { e.preventDefault(); valjMall(alla[Math.min(alla.length - 1, i + 1)] || null); }
    else if (e.key === "ArrowUp") { e.preventDefault(); valjMall(alla[Math.max(0, i - 1)] || null); }
    else if (e.key === "Enter") { e.preventDefault(); infoga(valdMall()); }
  });
  document.addEventListener("close", function (e) {
    if (e.target.id === "svarsmall-dialog" && mallFalt) mallFalt.focus();
  }, true);
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
