/* Site search: answers the header's search box (Material's markup, overrides/partials/search.html)
 * in the browser, from the index MkDocs' search plugin writes. Nothing is loaded until a reader
 * first opens the search: then the index and MiniSearch (vendor/minisearch.min.js, MIT) come in.
 * The offline copy, opened from file:// where pages cannot fetch, reads the same index from
 * search/search_index.js. Nothing typed leaves the page.
 *
 * Every word of the query must match a word of a page or section: as the start of a word
 * ("ladd" finds "ladder"), as a singular or plural ("mentors" finds "mentor"), or with one typo in
 * a word of five letters or more ("conferance" finds "conference"). Titles weigh more. Results are
 * grouped by page, best first, with the matching sections under each page; the first ten show at
 * once and a button shows the rest.
 * Keys: "/", "s" or "f" open the search; arrow keys move through the results; Escape closes. */
(function () {
  "use strict";

  var BATCH = 10;
  var MAX_SECTIONS = 3;
  var TEASER = 180;
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " " };
  var WORD = /[\p{L}\p{N}]+/gu;
  /* Words too common to narrow a search: a query made only of them still searches for them. */
  var COMMON = " a an and are as at be by for from in is it of on or the to with ";

  var root = new URL("../../", document.currentScript.src);
  var toggle = document.getElementById("__search");
  var dialog = document.querySelector(".md-search");
  var form = document.querySelector("form.md-search__form");
  var input = form && form.querySelector(".md-search__input");
  var meta = document.querySelector(".md-search-result__meta");
  var list = document.querySelector(".md-search-result__list");
  if (!toggle || !dialog || !input || !meta || !list) { return; }

  var words = {};
  try {
    words = JSON.parse(document.getElementById("__config").textContent).translations || {};
  } catch (error) {
    /* Material's configuration block is missing: the English defaults below serve */
  }

  function say(key, fallback, count) {
    return (words[key] || fallback).replace("#", String(count));
  }

  /* ---- Words ------------------------------------------------------------------------------- */

  /* Lower case, without accents, so "cafe" finds "café". */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* English plurals to their singular, the same way for the index and the query, so "mentors",
   * "stories" and "matches" find "mentor", "story" and "match". */
  function singular(word) {
    if (word.length > 4 && /ies$/.test(word)) { return word.slice(0, -3) + "y"; }
    if (word.length > 4 && /(ss|x|z|ch|sh)es$/.test(word)) { return word.slice(0, -2); }
    if (word.length > 3 && /[^siu]s$/.test(word)) { return word.slice(0, -1); }
    return word;
  }

  /* A word as the index keeps it; null for a common word. */
  function term(word) {
    var folded = fold(word);
    return COMMON.indexOf(" " + folded + " ") === -1 ? singular(folded) : null;
  }

  /* The query's words as the index keeps them; the common words too if that is all there is. */
  function queryTerms(query) {
    var all = fold(query).match(WORD) || [];
    var kept = all.map(term).filter(Boolean);
    return kept.length ? kept : all;
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

  function build(data) {
    var pages = {};
    var entries = data.docs.map(function (doc, id) {
      var page = doc.location.split("#")[0];
      var entry = { id: id, location: doc.location, page: page, title: plain(doc.title), text: plain(doc.text) };
      if (page === doc.location) { pages[page] = entry; }
      return entry;
    });
    entries.forEach(function (entry) { entry.pageEntry = pages[entry.page] || entry; });
    /* Where something comes before a page's title (a tip's breadcrumbs), the index holds the page
     * twice: an empty entry and one anchored at its title. They become one again. */
    entries = entries.filter(function (entry) {
      var page = entry.pageEntry;
      if (page !== entry && !page.text && entry.title === page.title) {
        page.text = entry.text;
        return false;
      }
      return true;
    });
    var byId = {};
    entries.forEach(function (entry) { byId[entry.id] = entry; });
    var engine = new window.MiniSearch({
      fields: ["title", "text"],
      processTerm: term,
      searchOptions: {
        combineWith: "AND",
        boost: { title: 3 },
        prefix: true,
        fuzzy: function (word) { return word.length >= 5 ? 1 : false; },
        processTerm: function (word) { return word; }
      }
    });
    engine.addAll(entries);
    return { engine: engine, entries: byId };
  }

  function loadScript(path) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(path, root).href;
      script.onload = resolve;
      script.onerror = function () {
        script.remove();
        reject(new Error("could not load " + path));
      };
      document.head.appendChild(script);
    });
  }

  function fetchIndex() {
    if (root.protocol === "file:") {
      return loadScript("search/search_index.js").then(function () { return window.__index; });
    }
    return fetch(new URL("search/search_index.json", root)).then(function (response) {
      if (!response.ok) { throw new Error("search index: HTTP " + response.status); }
      return response.json();
    });
  }

  var index = null;
  var loading = null;

  function load() {
    if (!loading) {
      var engine = window.MiniSearch ? Promise.resolve() : loadScript("assets/javascripts/vendor/minisearch.min.js");
      loading = Promise.all([fetchIndex(), engine]).then(function (loaded) {
        index = build(loaded[0]);
        update();
      }, function () {
        loading = null;  // the next search tries again
        meta.textContent = "Search is not available right now.";
      });
    }
    return loading;
  }

  /* ---- Matching ---------------------------------------------------------------------------- */

  /* Matching pages, best first, each with its matching sections and the index words that matched. */
  function search(query) {
    var terms = queryTerms(query);
    var phrase = terms.join(" ");
    var groups = {};
    var order = [];
    if (!terms.length) { return []; }
    index.engine.search(terms.join(" ")).forEach(function (result) {
      var entry = index.entries[result.id];
      var group = groups[entry.page];
      if (!group) {
        group = groups[entry.page] = { page: entry.pageEntry, pageMatches: false, sections: [], best: 0, matched: {} };
        order.push(group);
      }
      result.terms.forEach(function (word) { group.matched[word] = true; });
      var points = result.score;
      /* A page whose title holds every word of the query comes first: most of all when it holds
       * the query as typed, in the reader's word order. */
      if (entry === entry.pageEntry) {
        var inTitle = Object.keys(result.match).filter(function (word) { return result.match[word].indexOf("title") !== -1; });
        if (inTitle.length >= terms.length) { points *= 2; }
        if (queryTerms(entry.title).join(" ").indexOf(phrase) !== -1) { points *= 1.5; }
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
    return order;
  }

  /* ---- Showing results --------------------------------------------------------------------- */

  /* Where each word of `text` starts and ends, and whether it is one the search matched. */
  function wordsOf(text, matched) {
    var found = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text)) !== null) {
      var kept = term(match[0]);
      found.push({ start: match.index, end: match.index + match[0].length, hit: Boolean(kept && matched[kept]) });
    }
    return found;
  }

  /* `text` as nodes, the words the search matched marked. */
  function marked(text, matched) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    wordsOf(text, matched).forEach(function (word) {
      if (!word.hit) { return; }
      fragment.appendChild(document.createTextNode(text.slice(last, word.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(word.start, word.end);
      fragment.appendChild(mark);
      last = word.end;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  /* About TEASER characters of `text` around the first word the search matched. */
  function teaser(text, matched) {
    var hit = wordsOf(text, matched).filter(function (word) { return word.hit; })[0];
    var start = Math.max(0, (hit ? hit.start : 0) - TEASER / 3);
    if (start > 0) { start = text.indexOf(" ", start) + 1 || start; }
    var end = Math.min(text.length, start + TEASER);
    if (end < text.length) { end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end; }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function article(entry, matched, isPage, showText) {
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
    heading.appendChild(marked(entry.title, matched));
    body.appendChild(heading);
    if (showText && entry.text) {
      var text = document.createElement("p");
      text.className = "md-search-result__teaser";
      text.appendChild(marked(teaser(entry.text, matched), matched));
      body.appendChild(text);
    }
    link.appendChild(body);
    return link;
  }

  function item(group) {
    var element = document.createElement("li");
    element.className = "md-search-result__item";
    element.appendChild(article(group.page, group.matched, true, group.pageMatches));
    group.sections.slice(0, MAX_SECTIONS).forEach(function (section) {
      element.appendChild(article(section.entry, group.matched, false, true));
    });
    return element;
  }

  /* The first BATCH results, then a button for the rest: every result can be reached. */
  function show(groups, from) {
    var more = list.querySelector(".pb-search-more");
    if (more) { more.remove(); }
    groups.slice(from, from + (from ? groups.length : BATCH)).forEach(function (group) {
      list.appendChild(item(group));
    });
    var left = groups.length - list.children.length;
    if (left > 0) {
      var holder = document.createElement("li");
      holder.className = "pb-search-more";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pb-search-more__button";
      button.textContent = left === 1 ? "Show 1 more result" : "Show " + left + " more results";
      button.addEventListener("click", function () {
        var shown = list.children.length - 1;
        show(groups, shown);
        var next = list.children[shown];
        if (next) { next.querySelector("a").focus(); }
      });
      holder.appendChild(button);
      list.appendChild(holder);
    }
  }

  function update() {
    if (!index) { return; }
    var query = input.value.trim();
    list.textContent = "";
    if (!query) {
      meta.textContent = say("search.result.placeholder", "Type to start searching");
      return;
    }
    var groups = search(query);
    var count = groups.length;
    meta.textContent = count === 0
      ? say("search.result.none", "No matching documents")
      : count === 1
        ? say("search.result.one", "1 matching document")
        : say("search.result.other", "# matching documents", count);
    show(groups, 0);
  }

  /* ---- Opening, closing, keys -------------------------------------------------------------- */

  /* On a narrow screen the open search covers the page, and the page behind it stays where it
   * was (Material's scroll lock, applied once the search has slid in). There the closed search is
   * off screen: it leaves the tab order, so Tab moves through what the reader can see, and the
   * header's search button opens it. */
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

  function reachable() {
    var hidden = narrow.matches && !toggle.checked;
    dialog.querySelector(".md-search__inner").inert = hidden;
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      lockScroll(true);
      reachable();
    }
    load();
  }

  function close() {
    toggle.checked = false;
    lockScroll(false);
    reachable();
    input.blur();
  }

  function results() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link, .pb-search-more__button"));
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

  /* When keyboard focus moves on from the search to the page, the search closes (the query stays
   * for when it opens again). */
  dialog.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (toggle.checked && next instanceof Node && !dialog.contains(next)) { close(); }
  });

  /* The header's search button (on narrow screens) and the overlay flip the toggle themselves. */
  toggle.addEventListener("change", function () {
    lockScroll(toggle.checked);
    reachable();
    if (toggle.checked) {
      load();
      input.focus();
    } else {
      input.blur();
    }
  });
  narrow.addEventListener("change", reachable);
  reachable();

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
