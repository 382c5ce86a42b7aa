/* The Networking Playbook's embed helper, for the page that embeds it (an intranet page).
 * Include it once, from the playbook's own address, after one or more
 *   <iframe data-playbook-embed src="https://playbook.example/embed/tips/some-tip/"></iframe>
 * It sets each iframe's height to its content's, as reported by the embed page.
 * Messages are trusted only from the playbook's own origin (the origin this script was
 * loaded from) and only from one of those iframes; anything else is ignored.
 * MIT licence, part of the Networking Playbook. */
(function () {
  "use strict";
  if (window.__playbookEmbed) { return; }
  window.__playbookEmbed = true;
  var script = document.currentScript;
  var origin = new URL(script.src, window.location.href).origin;
  var MAX_HEIGHT = 20000;

  window.addEventListener("message", function (event) {
    if (event.origin !== origin) { return; }
    var data = event.data;
    if (!data || data.type !== "playbook:height" || typeof data.height !== "number" || !isFinite(data.height)) {
      return;
    }
    var frames = document.querySelectorAll("iframe[data-playbook-embed]");
    for (var i = 0; i < frames.length; i += 1) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.max(0, Math.min(Math.round(data.height), MAX_HEIGHT)) + "px";
      }
    }
  });
})();
