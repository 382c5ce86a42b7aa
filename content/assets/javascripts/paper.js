/* Before a page goes to paper. Worksheets and quizzes print their address at the foot of every
 * sheet (an element with position: fixed), and Chromium places it where it sits in the window:
 * on a page read halfway down, it would fall off the paper. So printing starts from the top of
 * the page, and the reader's place comes back afterwards. */
(function () {
  "use strict";

  var place = null;

  window.addEventListener("beforeprint", function () {
    if (!document.querySelector(".pb-print-address") || !window.scrollY) { return; }
    place = window.scrollY;
    window.scrollTo({ top: 0, left: 0, behavior: "instant" });
  });

  window.addEventListener("afterprint", function () {
    if (place === null) { return; }
    window.scrollTo({ top: place, left: 0, behavior: "instant" });
    place = null;
  });
})();
