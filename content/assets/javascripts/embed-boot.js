/* Runs at the top of an embed page (/embed/<kind>/<id>/), before its content is parsed, so the
 * first paint already has the options the embed code asked for in the query string:
 *   theme=light (the default: native on a white intranet page), dark, or auto (the reader's
 *   system setting);
 *   compact=1: the content and its credit line, without related tips, tags and sources.
 * An embed ignores the reader's light/dark choice on the playbook itself: the intranet page
 * chose. Without scripts the embed is light and full. MIT licence, part of the Networking
 * Playbook. */
(function () {
  "use strict";
  var root = document.documentElement;
  var body = document.body;
  var params = new URLSearchParams(window.location.search);
  var theme = params.get("theme");
  var compact = params.get("compact");
  var SCHEMES = { light: "default", dark: "slate" };  /* Material's two colour schemes */

  root.classList.add("pb-js");
  root.classList.replace("no-js", "js");
  if (compact !== null && !/^(0|false|no|off)$/i.test(compact)) {
    root.classList.add("pb-embed--compact");
  }

  function apply(scheme) { body.setAttribute("data-md-color-scheme", scheme); }

  if (theme === "auto" && window.matchMedia) {
    var dark = window.matchMedia("(prefers-color-scheme: dark)");
    apply(dark.matches ? SCHEMES.dark : SCHEMES.light);
    dark.addEventListener("change", function () { apply(dark.matches ? SCHEMES.dark : SCHEMES.light); });
  } else {
    apply(SCHEMES[theme] || SCHEMES.light);
  }
})();
