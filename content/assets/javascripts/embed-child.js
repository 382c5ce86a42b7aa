/* Runs inside an embed page (/embed/<kind>/<id>/). Tells the page that frames it how tall the
 * content is, so the iframe can fit it with no inner scrollbar. It sends only its height: no
 * answer, no address, nothing else leaves the frame. */
(function () {
  "use strict";
  if (window.parent === window) { return; }
  var last = -1;

  function height() {
    var body = document.body;
    var style = window.getComputedStyle(body);
    return Math.ceil(body.getBoundingClientRect().height +
      parseFloat(style.marginTop) + parseFloat(style.marginBottom));
  }

  function send() {
    var now = height();
    if (now !== last) {
      last = now;
      window.parent.postMessage({ type: "playbook:height", height: now }, "*");
    }
  }

  if (typeof ResizeObserver === "function") {
    new ResizeObserver(send).observe(document.body);
  }
  window.addEventListener("load", send);
  document.addEventListener("DOMContentLoaded", send);
  send();
})();
