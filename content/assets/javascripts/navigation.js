/* Finding your way on a long page, without Material's bundle: the table of contents marks the
 * section being read, the "Back to top" button (Material's markup, feature navigation.top) shows
 * while the reader scrolls back up, and the menu drawer on narrow screens is out of the tab order
 * while it is closed, so Tab never wanders into a menu nobody can see. */
(function () {
  "use strict";

  /* ---- The table of contents follows the scroll -------------------------------------------- */

  /* The section being read is the last one whose heading has passed a line a fifth of the way
   * down the window. The observed area reaches far above the window, so every heading that
   * crosses that line, however fast the scroll, changes state and is reported. */
  var READING_LINE = 0.2;
  var links = Array.prototype.slice.call(document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']"));
  var headings = [];
  links.forEach(function (link) {
    var heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (heading && headings.indexOf(heading) === -1) { headings.push(heading); }
  });

  function keepInView(link) {
    var box = link.closest(".md-sidebar__scrollwrap");
    if (!box || box.clientHeight === 0) { return; }
    var top = link.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top + link.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }

  /* At the foot of the page the last section is the one being read, even when it is too short
   * for its heading to reach the line. */
  function atTheEnd() {
    return window.scrollY > 0 && window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
  }

  function mark() {
    var line = window.innerHeight * READING_LINE;
    var current = null;
    headings.forEach(function (heading) {
      if (heading.getBoundingClientRect().top <= line) { current = heading; }
    });
    if (atTheEnd()) { current = headings[headings.length - 1]; }
    links.forEach(function (link) {
      var active = current !== null && decodeURIComponent(link.hash.slice(1)) === current.id;
      link.classList.toggle("md-nav__link--active", active);
      if (active) {
        link.setAttribute("aria-current", "location");
        keepInView(link);
      } else {
        link.removeAttribute("aria-current");
      }
    });
  }

  if (headings.length && "IntersectionObserver" in window) {
    var observer = new IntersectionObserver(mark, {
      rootMargin: "100000px 0px " + -(1 - READING_LINE) * 100 + "% 0px"
    });
    headings.forEach(function (heading) { observer.observe(heading); });
    var foot = document.querySelector(".md-footer");
    if (foot) { new IntersectionObserver(mark, { threshold: [0, 1] }).observe(foot); }
  }

  /* ---- Back to top ------------------------------------------------------------------------- */

  /* Shown while the reader scrolls up from more than a screen down, as in Material; keyboard users
   * reach it after the content, where focusing it shows it too (playbook.css). */
  var top = document.querySelector(".md-top");
  if (top) {
    var last = window.scrollY;
    var pending = false;
    window.addEventListener("scroll", function () {
      if (pending) { return; }
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        var y = window.scrollY;
        top.hidden = !(y < last && y > window.innerHeight);
        last = y;
      });
    }, { passive: true });
    top.addEventListener("click", function () {
      top.hidden = true;
      window.scrollTo({ top: 0 });
      var heading = document.querySelector(".md-content h1");
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
    });
  }

  /* ---- The menu drawer on narrow screens --------------------------------------------------- */

  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector(".md-sidebar--primary");
  var narrow = matchMedia("(max-width: 76.234375em)");
  if (drawer && menu) {
    var reachable = function () { menu.inert = narrow.matches && !drawer.checked; };
    drawer.addEventListener("change", reachable);
    narrow.addEventListener("change", reachable);
    reachable();
  }
})();
