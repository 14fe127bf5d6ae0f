/* jamkit: the site search, Pagefind's own interface on /search/, filled from the header's box (?q=).
   Pagefind's index sits in /pagefind/, written after every build; only the shards a query needs are loaded. */
(function () {
  "use strict";
  var script = document.currentScript;
  var bundle = new URL("../pagefind/", script ? script.src : window.location.href).href;
  var loading = null;

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = bundle + "pagefind-ui.css";
      document.head.appendChild(css);
      var js = document.createElement("script");
      js.src = bundle + "pagefind-ui.js";
      js.onload = resolve;
      js.onerror = reject;
      document.head.appendChild(js);
    });
    return loading;
  }

  function start() {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    document.querySelectorAll("input.jam-search__input").forEach(function (input) {
      if (query && !input.value) input.value = query;
    });
    var mount = document.getElementById("jam-search");
    if (!mount || mount.getAttribute("data-jam-ready")) return;
    mount.setAttribute("data-jam-ready", "1");
    load().then(function () {
      var ui = new window.PagefindUI({
        element: "#jam-search",
        bundlePath: bundle,
        showImages: false,
        showSubResults: true,
        autofocus: !query,
        translations: { placeholder: "Search projects, sprints, people and papers" }
      });
      var input = mount.querySelector("input");
      if (input) input.setAttribute("aria-label", "Search projects, sprints, people and papers");  // Pagefind's box has only a title
      if (query) ui.triggerSearch(query);
    }, function () {
      mount.textContent = "The search index could not be loaded. Build the site with scripts/build, which indexes it.";
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
