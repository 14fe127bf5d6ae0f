/* jamkit: in-page filters for the sprint catalogue and the people index.
   Without JavaScript the forms stay hidden and the pages are plain full lists. */
(function () {
  "use strict";
  var say = window.jamkitSay; /* the site's language (assets/jamkit.js, which runs first) */

  function sprints(form) {
    var cards = Array.prototype.slice.call(document.querySelectorAll(".jam-group li.jam-card"));
    var count = form.querySelector(".jam-filters__count");
    function matches(card, name, wanted) {
      if (!wanted) return true;
      var value = card.getAttribute("data-" + name) || "";
      if (name === "topic") {
        try { return JSON.parse(value).indexOf(wanted) !== -1; } catch (e) { return false; }
      }
      return value === wanted;
    }
    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var keep = Array.prototype.every.call(form.querySelectorAll("select"), function (select) {
          return matches(card, select.name, select.value);
        });
        card.hidden = !keep;
        if (keep) shown += 1;
      });
      document.querySelectorAll(".jam-group").forEach(function (group) {
        var list = group.querySelector("ul.jam-cards");
        var none = group.querySelector(".jam-filters__none");
        var any = list && list.querySelector("li.jam-card:not([hidden])");
        if (none) none.hidden = !list || Boolean(any);
        if (list) list.hidden = !any;
      });
      count.textContent = shown === cards.length
        ? say(cards.length === 1 ? "sprint_count" : "sprints_count", "%(num)s sprints", { num: cards.length })
        : say("sprints_match", "%(shown)s of %(total)s sprints match", { shown: shown, total: cards.length });
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }

  function people(form) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("table.jam-people tbody tr"));
    var input = form.querySelector("input[name=name]");
    var count = form.querySelector(".jam-filters__count");
    function apply() {
      var wanted = input.value.trim().toLocaleLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var keep = !wanted || row.cells[0].textContent.toLocaleLowerCase().indexOf(wanted) !== -1;
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = wanted
        ? say("people_match", "%(shown)s of %(total)s people on this page", { shown: shown, total: rows.length })
        : "";
    }
    input.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  function start() {
    document.querySelectorAll("form[data-jam-filter]").forEach(function (form) {
      if (form.getAttribute("data-jam-ready")) return;
      form.setAttribute("data-jam-ready", "1");
      form.hidden = false;
      if (form.getAttribute("data-jam-filter") === "sprints") sprints(form);
      else people(form);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
