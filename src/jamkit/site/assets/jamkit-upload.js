/* jamkit: a live sprint's "Upload your report PDF" leads to GitHub's upload page in the project's folder on the
 * pull request's own branch, so the PDF joins the same pull request. A static page cannot know that branch: the
 * team types it as its pull request shows it ("ada:patch-1") with the project's name, and the link is built from
 * the page's template (data-jam-upload, from jamkit.site.urls). Without JavaScript the page says the address.
 * Everything it writes is text (textContent) or an attribute, never HTML. */
(function () {
  "use strict";

  var LOGIN = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/;
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  /* "ada:patch-1" is a fork's branch; "patch-1" alone is a branch of this repository. */
  function branchOf(text, owner) {
    var at = text.indexOf(":");
    return at < 0 ? { owner: owner, name: text } : { owner: text.slice(0, at), name: text.slice(at + 1) };
  }

  function problem(branch, project, template) {
    if (!branch.name || !LOGIN.test(branch.owner) || /[\s~^:?*\[\\]|\.\.|^\/|\/$/.test(branch.name)) {
      return "Type the branch as your pull request shows it after \u201cfrom\u201d, e.g. ada:patch-1.";
    }
    if (project === template) {
      return template + " is the template's name: rename your project's file first (click its name in the editor).";
    }
    if (!SLUG.test(project) || project.length < 3 || project.length > 64) {
      return "Type your project's name as its file is named, without .md: lowercase letters, digits and hyphens.";
    }
    return "";
  }

  function wire(box) {
    var form = box.querySelector(".jam-upload__form");
    var link = box.querySelector(".jam-upload__go");
    var note = box.querySelector(".jam-upload__note");
    var inputs = { branch: box.querySelector("input[name=branch]"), project: box.querySelector("input[name=project]") };
    if (!form || !link || !note || !inputs.branch || !inputs.project) return;
    var guide = link.getAttribute("href");

    function update() {
      var branch = branchOf(inputs.branch.value.trim(), box.dataset.owner);
      var project = inputs.project.value.trim().replace(/\.md$/, "");
      var typed = inputs.branch.value.trim() || project;
      var wrong = typed ? problem(branch, project, box.dataset.template) : "";
      note.textContent = wrong;
      if (!typed || wrong) {
        link.setAttribute("href", guide);
        link.removeAttribute("target");
        return;
      }
      var parts = {
        owner: encodeURIComponent(branch.owner),
        branch: branch.name.split("/").map(encodeURIComponent).join("/"),
        project: project
      };
      /* a function, so that "$&" in a branch name is not read as a replacement pattern */
      var url = box.dataset.jamUpload.replace(/\{(owner|branch|project)\}/g, function (_, key) { return parts[key]; });
      link.setAttribute("href", url);
      link.setAttribute("target", "_blank");
    }

    inputs.branch.addEventListener("input", update);
    inputs.project.addEventListener("input", update);
    form.hidden = false;
    update();
  }

  function start() {
    document.querySelectorAll("[data-jam-upload]").forEach(wire);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(start); /* Material's instant navigation swaps pages without reloading */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
