/* Runs inside an embed page (/embed/<kind>/<id>/). Two jobs:
 *
 * 1. Tell the page that frames it how tall the content is, so the frame fits it. Two protocols:
 *    the playbook's own ({type: "playbook:height", height}, read by embed.js), and WordPress's
 *    when the frame's address carries "#?secret=..." (WordPress adds it to oEmbed frames):
 *    {message: "height", value, secret}, sent again when wp-embed.js says {message: "ready"}.
 *    WordPress clamps the height to 200..1000 px; taller content scrolls inside the frame.
 *    Only the height leaves the frame: no answer, no address.
 * 2. Make every link reach its page. Without scripts <base target="_blank"> opens a new tab.
 *    Here: a link within the page scrolls the frame; under WordPress a playbook link is sent as
 *    {message: "link", value, secret} and WordPress opens it in the top window; in a sandboxed
 *    frame that cannot open tabs (no "allow-popups", as WordPress's), a link opens in the frame
 *    itself, as the embed of that page when there is one. Never a dead click.
 *
 * MIT licence, part of the Networking Playbook. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../../", script.src);  /* this file is assets/javascripts/embed-child.js */
  var embeddable = (script.getAttribute("data-pb-embeddable") || "").split(" ").filter(Boolean);
  var notRecords = (script.getAttribute("data-pb-not-records") || "").split(" ").filter(Boolean);
  var framed = window.parent !== window;
  /* A sandboxed frame without allow-same-origin has an opaque origin: no storage, and (as far as
   * a page can tell) no new tabs. */
  var sandboxed = framed && window.origin === "null";
  var secret = null;
  var last = -1;

  /* The address the credit line shows: the absolute one this frame came from (the page names
   * only the path when the site was built without an address). */
  Array.prototype.forEach.call(document.querySelectorAll("a[data-pb-address]"), function (link) {
    if (!/^https?:\/\//.test(link.textContent)) { link.textContent = link.href; }
  });

  if (!framed) { return; }

  function readSecret() {
    var match = /[#&?]secret=([A-Za-z0-9]{1,64})(?:&|$)/.exec(window.location.hash);
    if (match) { secret = match[1]; }
  }

  function height() {
    var body = document.body;
    var style = window.getComputedStyle(body);
    return Math.ceil(body.getBoundingClientRect().height +
      parseFloat(style.marginTop) + parseFloat(style.marginBottom));
  }

  function send(always) {
    var now = height();
    if (now === last && !always) { return; }
    last = now;
    window.parent.postMessage({ type: "playbook:height", height: now }, "*");
    if (secret) { window.parent.postMessage({ message: "height", value: now, secret: secret }, "*"); }
  }

  /* WordPress's wp-embed.js says "ready" once it listens, in case the frame spoke first. */
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== window.parent || !data || !secret || data.secret !== secret) { return; }
    if (data.message === "ready") { send(true); }
  });

  /* The same page with an anchor: scroll within the frame (the address keeps WordPress's secret). */
  function scrollToAnchor(url) {
    var target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (!target) { return; }
    if (!target.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.scrollIntoView();
    target.focus({ preventScroll: true });
  }

  /* A playbook page that has an embed opens as that embed, with this frame's options (and the
   * secret, so WordPress keeps sizing the frame); any other address opens as it is. */
  function inFrame(url) {
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) { return url.href; }
    var parts = url.pathname.slice(root.pathname.length).split("/");
    var record = parts.length === 3 && parts[2] === "" ? parts[1] : parts.length === 2 ? parts[1].replace(/\.html$/, "") : "";
    if (embeddable.indexOf(parts[0]) === -1 || !record || notRecords.indexOf(record) !== -1) { return url.href; }
    var embed = new URL("embed/" + parts.join("/"), root);
    embed.search = window.location.search;
    embed.hash = secret ? "?secret=" + secret : url.hash;
    return embed.href;
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("download")) { return; }
    var url = new URL(link.href, window.location.href);
    if (!/^https?:$/.test(url.protocol)) { return; }
    var here = window.location;
    if (url.hash && url.origin === here.origin && url.pathname === here.pathname && url.search === here.search) {
      event.preventDefault();
      scrollToAnchor(url);
      return;
    }
    if (secret && url.origin === here.origin) {
      /* WordPress opens it in the top window; should nothing take over, open it here instead. */
      event.preventDefault();
      window.parent.postMessage({ message: "link", value: url.href, secret: secret }, "*");
      var fallback = window.setTimeout(function () { window.location.href = inFrame(url); }, 1500);
      window.addEventListener("pagehide", function () { window.clearTimeout(fallback); });
      return;
    }
    if (sandboxed) {
      event.preventDefault();
      window.location.href = inFrame(url);
    }
  });

  readSecret();
  window.addEventListener("hashchange", function () { readSecret(); send(true); });
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () { send(false); }).observe(document.body);
  }
  window.addEventListener("load", function () { send(false); });
  send(false);
})();
