/* jamkit: a table wider than the screen scrolls inside its own box (Material's wrapper); say so above it,
   so that a reader on a phone knows there are more columns. */
(function () {
  "use strict";
  var say = window.jamkitSay; /* the site's language (assets/jamkit.js, which runs first) */
  var HINT = "jam-scroll-hint";

  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var box = wrap.querySelector(".md-typeset__table") ? wrap : null;
      if (!box) return;
      var wide = box.scrollWidth > box.clientWidth + 1;
      var hint = wrap.previousElementSibling;
      var has = hint && hint.classList.contains(HINT);
      if (wide && !has) {
        hint = document.createElement("p");
        hint.className = HINT;
        hint.textContent = say("scroll", "Scroll sideways to see every column \u2192");
        wrap.parentNode.insertBefore(hint, wrap);
      } else if (!wide && has) {
        hint.remove();
      }
      wrap.classList.toggle("jam-scroll--wide", wide);
    });
  }

  function start() {
    mark();
    setTimeout(mark, 300);  // after Material has wrapped the tables
  }

  window.addEventListener("resize", mark);
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
