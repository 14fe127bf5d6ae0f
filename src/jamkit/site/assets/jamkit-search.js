/* jamkit: the site search on /search/, over Pagefind's index (written into /pagefind/ after every build).
   Only Pagefind's small loader, its WebAssembly, the index metadata and the shards a query needs are fetched:
   the filters' choices are written into the page, so no filter data loads until a filter is chosen.
   The header's box sends its query here as ?q=. */
(function () {
  "use strict";
  var say = window.jamkitSay; /* the site's language (assets/jamkit.js, which runs first) */
  var script = document.currentScript;
  var bundle = new URL("../pagefind/", script ? script.src : window.location.href).href;
  var PAGE = 10;
  var engine = null;

  function pagefind() {
    if (!engine) {
      engine = import(bundle + "pagefind.js").then(function (pf) {
        return pf.options({ bundlePath: bundle, excerptLength: 24 }).then(function () { return pf; });
      });
    }
    return engine;
  }

  /* Pagefind's excerpt is HTML with <mark>; keep its text and marks only, whatever the indexed page held. */
  function excerpt(html) {
    var out = document.createElement("p");
    out.className = "jam-search-page__excerpt";
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === 3) out.appendChild(document.createTextNode(node.textContent));
      else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else out.appendChild(document.createTextNode(node.textContent || ""));
    });
    return out;
  }

  function sameSite(url) {
    var target = new URL(url, window.location.href);
    return target.origin === window.location.origin ? target.href : null;
  }

  function item(data) {
    var href = sameSite(data.url);
    if (!href) return null;
    var li = document.createElement("li");
    li.className = "jam-search-page__result";
    var title = document.createElement("a");
    title.className = "jam-search-page__title";
    title.href = href;
    title.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(title);
    var kind = data.filters && data.filters.kind && data.filters.kind[0];
    if (kind && kind !== "page") {
      var badge = document.createElement("span");
      badge.className = "jam-chip";
      badge.textContent = say("kind_" + kind, kind);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(badge);
    }
    li.appendChild(excerpt(data.excerpt || ""));
    return li;
  }

  function start() {
    var form = document.querySelector("form.jam-search-page");
    if (!form || form.getAttribute("data-jam-ready")) return;
    form.setAttribute("data-jam-ready", "1");
    form.hidden = false;
    var input = form.querySelector("input[name=q]");
    var status = form.querySelector(".jam-search-page__status");
    var list = document.querySelector(".jam-search-page__results");
    var more = document.querySelector(".jam-search-page__more");
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    form.querySelectorAll("select").forEach(function (select) {
      if (params.get(select.name)) select.value = params.get(select.name);
    });
    var found = [];
    var shown = 0;
    var run = 0;
    var timer = null;

    function showMore() {
      var mine = run;
      var next = found.slice(shown, shown + PAGE);
      shown += next.length;
      more.hidden = shown >= found.length;
      return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
        if (mine !== run) return;
        all.forEach(function (data) {
          var li = item(data);
          if (li) list.appendChild(li);
        });
      });
    }

    function search() {
      var term = input.value.trim();
      var filters = {};
      form.querySelectorAll("select").forEach(function (select) {
        if (select.value) filters[select.name] = select.value;
      });
      var query = new URLSearchParams();
      if (term) query.set("q", term);
      Object.keys(filters).forEach(function (name) { query.set(name, filters[name]); });
      window.history.replaceState(null, "", window.location.pathname + (query.toString() ? "?" + query : ""));
      var mine = ++run;
      if (!term && !Object.keys(filters).length) {
        list.textContent = "";
        status.textContent = "";
        more.hidden = true;
        return;
      }
      status.textContent = say("searching", "Searching\u2026");
      pagefind().then(function (pf) {
        return pf.search(term || null, { filters: filters });
      }).then(function (result) {
        if (mine !== run) return;
        found = (result && result.results) || [];
        shown = 0;
        list.textContent = "";
        status.textContent = found.length === 1
          ? say("result", "%(num)s result", { num: 1 })
          : say("results", "%(num)s results", { num: found.length });
        return showMore();
      }, function () {
        status.textContent = say(
          "index_missing", "The search index could not be loaded; build the site with scripts/build, which writes it."
        );
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    form.addEventListener("change", function (event) { if (event.target.tagName === "SELECT") search(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); search(); });
    more.addEventListener("click", showMore);
    if (input.value || form.querySelector("select option:checked:not([value=''])")) search();
    else input.focus();
  }

  function fillHeader() {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    document.querySelectorAll("input.jam-search__input").forEach(function (box) {
      if (query && !box.value) box.value = query;
    });
  }

  function ready() { fillHeader(); start(); }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(ready);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
