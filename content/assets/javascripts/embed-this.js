/* Copy buttons ([data-pb-copy="<id>"]): the "Embed this" control and the ready-to-use words.
 * Copies the named field (a textarea's value, or an element's text) to the clipboard and says so,
 * with the button's data-pb-copied message if it has one. Falls back to selecting the text when
 * the clipboard is not available (older browsers, some intranets). A button hidden until this
 * script runs is shown: without the script it could not work. */
(function () {
  "use strict";

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

  function setUp() {
    var buttons = document.querySelectorAll("[data-pb-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (button.dataset.pbReady) { return; }
      button.dataset.pbReady = "1";
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
    });
  }

  setUp();  // loaded with defer: the page is parsed
})();
