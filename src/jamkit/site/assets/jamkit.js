/* jamkit: time for humans. Pages are built with times in UTC and statuses as of the build; in the browser
 * this script adds the reader's local time beside each UTC time, counts down to a sprint's start or
 * deadline, and moves status badges on with the clock. Without JavaScript the build-time text stands.
 * Everything it writes is text (textContent), never HTML. */
(function () {
  "use strict";

  /* jamkit's words in the site's language: theme/main.html writes them into the page (not for English). */
  var WORDS = window.jamkitWords || {};

  /* A message in the site's language ("Starts in %(span)s"), its placeholders filled; English without WORDS.
     The other scripts call it as window.jamkitSay (this script runs first). */
  function say(key, english, values) {
    var text = WORDS[key] || english;
    return text.replace(/%\((\w+)\)[sd]/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  window.jamkitSay = say;

  var LABELS = {
    upcoming: say("upcoming", "Upcoming"),
    live: say("live", "Live"),
    judging: say("judging", "Judging"),
    finished: say("finished", "Finished")
  };
  var timer = null;

  function now() {
    return Date.now();
  }

  function moment(text) {
    var t = Date.parse(text || "");
    return isNaN(t) ? null : t;
  }

  /* "Fri 17 Jan, 10:00 CET" in the reader's own zone and language. */
  function localText(t) {
    return new Intl.DateTimeFormat(undefined, {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
    }).format(new Date(t));
  }

  function readerIsOnUtc(t) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    return new Date(t).getTimezoneOffset() === 0 && /^(UTC|Etc\/UTC|Etc\/GMT|GMT|Etc\/Universal|UCT)$/.test(zone);
  }

  /* Each <time datetime="...T..."> written in UTC gets "(your time: ...)" after it, once. */
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (el) {
      var t = moment(el.getAttribute("datetime"));
      if (t === null || el.getAttribute("datetime").indexOf("T") < 0 || !/UTC/.test(el.textContent)) return;
      if (el.nextElementSibling && el.nextElementSibling.classList.contains("jam-local")) return;
      if (readerIsOnUtc(t)) return;
      var span = document.createElement("span");
      span.className = "jam-local";
      span.textContent = " " + say("your_time", "(your time: %(when)s)", { when: localText(t) });
      el.insertAdjacentElement("afterend", span);
    });
  }

  function status(el, t) {
    var starts = moment(el.dataset.starts), ends = moment(el.dataset.ends);
    if (starts === null || ends === null) return null;
    if (t < starts) return "upcoming";
    if (t < ends) return "live";
    return el.dataset.awarded === "true" ? "finished" : "judging";
  }

  function badges(root, t) {
    root.querySelectorAll(".jam-status[data-starts]").forEach(function (el) {
      var found = status(el, t);
      if (!found) return;
      Object.keys(LABELS).forEach(function (s) { el.classList.toggle("jam-status--" + s, s === found); });
      el.textContent = LABELS[found];
      el.dataset.status = found;
    });
  }

  /* "2 days, 3 hours", "5 hours, 12 minutes", "4 minutes". */
  function span(ms) {
    var minutes = Math.max(1, Math.ceil(ms / 60000));
    var days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), mins = minutes % 60;
    function unit(n, word) {
      return say(n === 1 ? word : word + "s", "%(num)s " + word + (n === 1 ? "" : "s"), { num: n });
    }
    if (days) return unit(days, "day") + (hours ? ", " + unit(hours, "hour") : "");
    if (hours) return unit(hours, "hour") + (mins ? ", " + unit(mins, "minute") : "");
    return unit(mins, "minute");
  }

  function countdowns(root, t) {
    root.querySelectorAll(".jam-countdown[data-starts]").forEach(function (el) {
      var starts = moment(el.dataset.starts), ends = moment(el.dataset.ends);
      if (starts === null || ends === null) return;
      if (t < starts) {
        el.textContent = say("starts_in", "Starts in %(span)s", { span: span(starts - t) });
      } else if (t < ends) {
        el.textContent = say("deadline_in", "Deadline in %(span)s", { span: span(ends - t) });
      } else {
        el.hidden = true;
        return;
      }
      el.hidden = false;
    });
  }

  function tick() {
    var t = now();
    badges(document, t);
    countdowns(document, t);
  }

  function start() {
    localTimes(document);
    tick();
    if (timer !== null) clearInterval(timer);
    timer = setInterval(tick, 15000);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(start); /* Material's instant navigation swaps pages without reloading */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
