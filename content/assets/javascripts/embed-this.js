/* The "Embed this" control at the foot of every embeddable page.
 *
 * It builds the code to paste from the address the page is viewed at, so a copy of the site on
 * any host or sub-path gives a code that works there (or from the site's configured address,
 * data-pb-embed-url, when the build had one), with the options the reader picks: colours (light,
 * dark, the reader's own setting) and compact. The text is the same, character for character, as
 * generator/render/embeds.py's snippet() (the browser tests compare them). It shows a live
 * preview of the frame, sized by embed.js as on an intranet, and copies the code to the
 * clipboard, or selects it where the clipboard is not available. The same copy buttons serve the
 * ready-to-use words pages. */
(function () {
  "use strict";
  var here = document.currentScript.src;
  var FRAME_HEIGHT = 800;  /* embeds.py OEMBED_HEIGHT: the frame's height until the content reports its own */

  function escapeHtml(text) {
    /* As embeds.py's attr(): a double-quoted attribute's value, apostrophes left readable. */
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* embeds.py EmbedOptions.query: only what differs from the defaults (light, full). */
  function query(theme, compact) {
    var params = [];
    if (theme !== "light") { params.push("theme=" + theme); }
    if (compact) { params.push("compact=1"); }
    return params.length ? "?" + params.join("&") : "";
  }

  function snippet(src, title, helper) {
    return '<iframe data-playbook-embed src="' + escapeHtml(src) + '" title="' + escapeHtml(title) +
      '" loading="lazy" width="100%" height="' + FRAME_HEIGHT + '" style="border:0;width:100%"></iframe>\n' +
      '<script src="' + escapeHtml(helper) + '" async></' + 'script>';
  }

  function select(field) {
    if (typeof field.select === "function") {
      field.focus();
      field.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(field);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* Every copy button ([data-pb-copy="<id>"]): the embed code and the ready-to-use words. It copies
   * the named field (a textarea's value, or an element's text) and says so, with the button's
   * data-pb-copied message if it has one; where the clipboard is not available (older browsers,
   * some intranets) it selects the text. A button hidden until this script runs is shown. */
  function setUpCopy(button) {
    var field = document.getElementById(button.getAttribute("data-pb-copy"));
    var status = button.parentNode.querySelector("[role=status]");
    var copied = button.getAttribute("data-pb-copied") || "Copied. Paste it into your intranet page.";
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = typeof field.select === "function" ? field.value : field.innerText;
      select(field);
      var done = function () { status.textContent = copied; };
      var fallback = function () { status.textContent = "Selected: press Ctrl+C (or Cmd+C) to copy."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  }

  function setUpControl(box) {
    var field = box.querySelector(".pb-embed-this__code");
    var label = box.querySelector("label[for='" + field.id + "']");
    var copy = box.querySelector("[data-pb-copy]");
    var options = box.querySelector(".pb-embed-this__options");
    var preview = box.querySelector(".pb-embed-this__preview");
    var title = box.getAttribute("data-pb-embed-title");
    var local = new URL(box.getAttribute("data-pb-embed-page"), window.location.href);
    var configured = box.getAttribute("data-pb-embed-url");
    var helperHere = new URL("embed.js", here).href;
    var frame = null;

    if (!configured && !/^https?:$/.test(local.protocol)) {
      /* A copy opened from a file has no address an intranet could load the frame from. */
      var note = document.createElement("p");
      note.textContent = "Embedding needs the playbook on a web server: this copy is opened from a file, so " +
        "it has no address your intranet could load the frame from. Open this page from the playbook's web address.";
      box.insertBefore(note, options);
      return;
    }

    function chosen() {
      var theme = options.querySelector("input[name=pb-embed-theme]:checked");
      return query(theme ? theme.value : "light", options.querySelector("input[name=pb-embed-compact]").checked);
    }

    function update() {
      var q = chosen();
      field.value = configured
        ? snippet(configured + q, title, box.getAttribute("data-pb-embed-helper"))
        : snippet(local.href + q, title, helperHere);
      if (frame) { frame.src = local.href + q; }
    }

    /* The preview is this site's own embed page, framed and sized exactly as on an intranet. */
    function showPreview() {
      if (frame || !box.open) { return; }
      if (!document.querySelector("script[data-pb-embed-helper]")) {
        var helper = document.createElement("script");
        helper.src = helperHere;
        helper.setAttribute("data-pb-embed-helper", "");
        document.body.appendChild(helper);
      }
      frame = document.createElement("iframe");
      frame.setAttribute("data-playbook-embed", "");
      frame.title = "Preview of the embed: " + title;
      frame.className = "pb-embed-this__frame";
      frame.height = String(FRAME_HEIGHT);
      frame.src = local.href + chosen();
      preview.appendChild(frame);
      preview.hidden = false;
    }

    options.hidden = false;
    field.hidden = false;
    label.hidden = false;
    copy.hidden = false;
    options.addEventListener("change", update);
    box.addEventListener("toggle", showPreview);
    update();
    showPreview();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-pb-copy]"), setUpCopy);
  Array.prototype.forEach.call(document.querySelectorAll("[data-pb-embed-this]"), setUpControl);
})();
