/* Site search: answers the header's search box (Material's markup, overrides/partials/search.html)
 * in the browser, from the index MkDocs' search plugin writes. The index is fetched the first time
 * a reader opens the search, not on every page; the offline copy, opened from file:// where pages
 * cannot fetch, reads the same index from search/search_index.js. Nothing typed leaves the page.
 *
 * A page matches when every word of the query starts a word of its title or text; titles weigh
 * more. Results are grouped by page, best first, with the matching sections under each page.
 * Keys: "/", "s" or "f" open the search; arrow keys move through the results; Escape closes. */
(function () {
  "use strict";

  var MAX_PAGES = 10;
  var MAX_SECTIONS = 3;
  var TEASER = 180;
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " " };
  var WORD_CHARACTER = /[\p{L}\p{N}]/u;

  var root = new URL("../../", document.currentScript.src);
  var toggle = document.getElementById("__search");
  var form = document.querySelector("form.md-search__form");
  var input = form && form.querySelector(".md-search__input");
  var meta = document.querySelector(".md-search-result__meta");
  var list = document.querySelector(".md-search-result__list");
  if (!toggle || !input || !meta || !list) { return; }

  var words = {};
  try {
    words = JSON.parse(document.getElementById("__config").textContent).translations || {};
  } catch (error) {
    /* Material's configuration block is missing: the English defaults below serve */
  }

  function say(key, fallback, count) {
    return (words[key] || fallback).replace("#", String(count));
  }

  /* ---- The index --------------------------------------------------------------------------- */

  /* Index text is HTML; results show it as text, never as markup. */
  function plain(html) {
    return String(html || "")
      .replace(/<[^>]*>/g, " ")
      .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, function (entity, name) {
        if (name.charAt(0) === "#") {
          var code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
        }
        return ENTITIES[name.toLowerCase()] || entity;
      })
      .replace(/\s+/g, " ")
      .trim();
  }

  /* Lower case, without accents, so "cafe" finds "café". */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function prepare(data) {
    var pages = {};
    return data.docs.map(function (doc) {
      var page = doc.location.split("#")[0];
      var entry = {
        location: doc.location,
        page: page,
        title: plain(doc.title),
        text: plain(doc.text)
      };
      entry.foldedTitle = fold(entry.title);
      entry.foldedText = fold(entry.text);
      if (page === doc.location) { pages[page] = entry; }
      return entry;
    }).map(function (entry) {
      entry.pageEntry = pages[entry.page] || entry;
      return entry;
    });
  }

  function fromJson() {
    return fetch(new URL("search/search_index.json", root)).then(function (response) {
      if (!response.ok) { throw new Error("search index: HTTP " + response.status); }
      return response.json();
    });
  }

  function fromScript() {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL("search/search_index.js", root).href;
      script.onload = function () { resolve(window.__index); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  var index = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = (root.protocol === "file:" ? fromScript() : fromJson()).then(function (data) {
        index = prepare(data);
        update();
      }, function () {
        loading = null;  // the next search tries again
        meta.textContent = "Search is not available right now.";
      });
    }
    return loading;
  }

  /* ---- Matching ---------------------------------------------------------------------------- */

  /* How many times `term` starts a word of `text` (both folded). */
  function starts(text, term) {
    var count = 0;
    var at = text.indexOf(term);
    while (at !== -1) {
      if (at === 0 || !WORD_CHARACTER.test(text.charAt(at - 1))) { count += 1; }
      at = text.indexOf(term, at + term.length);
    }
    return count;
  }

  /* A word in a page's title counts most, in a section's title less, in the text least (and only
   * up to five times); the whole query in a title counts again. */
  function score(entry, terms, query) {
    var isPage = entry === entry.pageEntry;
    var total = 0;
    for (var i = 0; i < terms.length; i += 1) {
      var inTitle = starts(entry.foldedTitle, terms[i]);
      var inText = starts(entry.foldedText, terms[i]);
      if (!inTitle && !inText) { return 0; }
      total += (inTitle ? (isPage ? 12 : 8) : 0) + Math.min(inText, 5);
    }
    if (terms.length > 1 && starts(entry.foldedTitle, query)) { total += 10; }
    if (isPage && entry.foldedTitle.indexOf(query) === 0) { total += 6; }
    return total;
  }

  function termsOf(query) {
    return fold(query).split(/[\s\-]+/).filter(Boolean);
  }

  /* Matching pages, best first, each with its matching sections. */
  function search(query) {
    var terms = termsOf(query);
    var phrase = terms.join(" ");
    var groups = {};
    var order = [];
    if (!terms.length) { return { terms: terms, groups: [] }; }
    index.forEach(function (entry) {
      var points = score(entry, terms, phrase);
      if (!points) { return; }
      var group = groups[entry.page];
      if (!group) {
        group = groups[entry.page] = { page: entry.pageEntry, pageMatches: false, sections: [], best: 0 };
        order.push(group);
      }
      group.best = Math.max(group.best, points);
      if (entry === entry.pageEntry) {
        group.pageMatches = true;
      } else {
        group.sections.push({ entry: entry, points: points });
      }
    });
    order.sort(function (a, b) { return b.best - a.best || a.page.title.length - b.page.title.length; });
    order.forEach(function (group) {
      group.sections.sort(function (a, b) { return b.points - a.points; });
    });
    return { terms: terms, groups: order };
  }

  /* ---- Showing results --------------------------------------------------------------------- */

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* `text` as nodes, the query's words marked where they start a word. */
  function marked(text, terms) {
    var fragment = document.createDocumentFragment();
    var notWord = WORD_CHARACTER.source.replace("[", "[^");
    var pattern = new RegExp("(^|" + notWord + ")(" + terms.map(escapeRegExp).join("|") + ")", "giu");
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var start = match.index + match[1].length;
      fragment.appendChild(document.createTextNode(text.slice(last, start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, start + match[2].length);
      fragment.appendChild(mark);
      last = start + match[2].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  /* About TEASER characters of `text` around the first word the query matched. */
  function teaser(text, terms) {
    var folded = fold(text);
    var first = -1;
    terms.forEach(function (term) {
      var at = folded.indexOf(term);
      if (at !== -1 && (first === -1 || at < first)) { first = at; }
    });
    var start = Math.max(0, first - TEASER / 3);
    if (start > 0) { start = text.indexOf(" ", start) + 1 || start; }
    var end = Math.min(text.length, start + TEASER);
    if (end < text.length) { end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end; }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function article(entry, terms, isPage, showText) {
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = new URL(entry.location, root).href;
    var body = document.createElement("article");
    body.className = "md-search-result__article md-typeset" + (isPage ? " md-search-result__article--document" : "");
    if (isPage) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      body.appendChild(icon);
    }
    var heading = document.createElement(isPage ? "h1" : "h2");
    heading.appendChild(marked(entry.title, terms));
    body.appendChild(heading);
    if (showText && entry.text) {
      var text = document.createElement("p");
      text.className = "md-search-result__teaser";
      text.appendChild(marked(teaser(entry.text, terms), terms));
      body.appendChild(text);
    }
    link.appendChild(body);
    return link;
  }

  function update() {
    if (!index) { return; }
    var query = input.value.trim();
    list.textContent = "";
    if (!query) {
      meta.textContent = say("search.result.placeholder", "Type to start searching");
      return;
    }
    var found = search(query);
    var count = found.groups.length;
    meta.textContent = count === 0
      ? say("search.result.none", "No matching documents")
      : count === 1
        ? say("search.result.one", "1 matching document")
        : say("search.result.other", "# matching documents", count);
    found.groups.slice(0, MAX_PAGES).forEach(function (group) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      item.appendChild(article(group.page, found.terms, true, group.pageMatches));
      group.sections.slice(0, MAX_SECTIONS).forEach(function (section) {
        item.appendChild(article(section.entry, found.terms, false, true));
      });
      list.appendChild(item);
    });
  }

  /* ---- Opening, closing, keys -------------------------------------------------------------- */

  /* On a narrow screen the open search covers the page, and the page behind it stays where it
   * was (Material's scroll lock, applied once the search has slid in). */
  var narrow = matchMedia("(max-width: 59.984375em)");
  var lockTimer = 0;

  function lockScroll(locked) {
    clearTimeout(lockTimer);
    lockTimer = setTimeout(function () {
      var body = document.body;
      if (locked && narrow.matches && !body.hasAttribute("data-md-scrolllock")) {
        body.style.top = -window.scrollY + "px";
        body.setAttribute("data-md-scrolllock", "");
      } else if (!locked && body.hasAttribute("data-md-scrolllock")) {
        var y = -parseInt(body.style.top || "0", 10);
        body.removeAttribute("data-md-scrolllock");
        body.style.top = "";
        if (y) { window.scrollTo(0, y); }
      }
    }, locked ? 400 : 100);
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      lockScroll(true);
    }
    load();
  }

  function close() {
    toggle.checked = false;
    lockScroll(false);
    input.blur();
  }

  function results() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  function editing(target) {
    return target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () { open(); update(); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = results()[0];
    if (first) { first.click(); }
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { update(); input.focus(); }, 0);
  });

  /* The header's search button (on narrow screens) and the overlay flip the toggle themselves. */
  toggle.addEventListener("change", function () {
    lockScroll(toggle.checked);
    if (toggle.checked) {
      load();
      input.focus();
    } else {
      input.blur();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var links = results();
    var at = links.indexOf(document.activeElement);
    if (toggle.checked && event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (toggle.checked && (event.key === "ArrowDown" || event.key === "ArrowUp") &&
               (document.activeElement === input || at !== -1)) {
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) { input.focus(); } else if (links[next]) { links[next].focus(); }
    } else if (!toggle.checked && /^[/sf]$/.test(event.key) && !editing(event.target)) {
      event.preventDefault();
      open();
      input.focus();
    }
  });
})();
