/* The "Embed this" control: copies the snippet to the clipboard, and says so. Falls back to
 * selecting the text when the clipboard is not available (older browsers, some intranets). */
(function () {
  "use strict";

  function setUp() {
    var buttons = document.querySelectorAll("[data-pb-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (button.dataset.pbReady) { return; }
      button.dataset.pbReady = "1";
      var field = document.getElementById(button.getAttribute("data-pb-copy"));
      var status = button.parentNode.querySelector("[role=status]");
      button.addEventListener("click", function () {
        field.focus();
        field.select();
        var done = function () { status.textContent = "Copied. Paste it into your intranet page."; };
        var fallback = function () { status.textContent = "Selected: press Ctrl+C (or Cmd+C) to copy."; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  setUp();  // loaded with defer: the page is parsed
})();
