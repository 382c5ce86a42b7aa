/* The needs-and-offers matcher page (event-kit/matcher/): loading registrants, editing them,
 * suggesting introductions, printing badges, introduction cards and the wall poster, downloads and
 * the optional local save. The logic lives in event-kit-match.js; CSV is read with Papa Parse.
 * Nothing leaves the browser: no request is made after the page has loaded, and the list is
 * stored only when the organiser ticks "Keep my list on this computer". Styles are set through
 * classes and the CSSOM (the site's Content-Security-Policy forbids inline style attributes). */
(function () {
  "use strict";

  var root = document.querySelector("[data-pb-kit]");
  var Kit = window.PlaybookEventKit;
  var Papa = window.Papa;
  if (!root || !Kit || !Papa) { return; }

  var STORE_KEY = "networking-playbook.event-kit";
  var PAGE_SIZE = 50;
  var SUGGESTION_PAGE_SIZE = 100;
  var PAPERS = { a4: { width: 210, height: 297, name: "A4" }, letter: { width: 215.9, height: 279.4, name: "US Letter" } };

  /* Badge sheets: card inserts for 4 x 3 in holders, and name badge label sheets (the Avery L4785
   * and 5395 layouts). Millimetres from the sheet's top-left corner. */
  var BADGE_LAYOUTS = [
    { id: "insert-letter", name: "4 x 3 in badge inserts, 6 per US Letter sheet (2 across, 3 down)", paper: "letter", width: 101.6, height: 76.2, columns: 2, rows: 3, left: 6.35, top: 25.4, across: 101.6, down: 76.2, marks: true },
    { id: "insert-a4", name: "4 x 3 in badge inserts, 6 per A4 sheet (2 across, 3 down)", paper: "a4", width: 101.6, height: 76.2, columns: 2, rows: 3, left: 3.4, top: 34.2, across: 101.6, down: 76.2, marks: true },
    { id: "label-a4", name: "A4 name badge labels, 80 x 50 mm, 10 per sheet (Avery L4785 layout)", paper: "a4", width: 80, height: 50, columns: 2, rows: 5, left: 18, top: 13, across: 95, down: 55, marks: false },
    { id: "label-letter", name: "US Letter name badge labels, 3⅜ x 2⅓ in, 8 per sheet (Avery 5395 layout)", paper: "letter", width: 85.725, height: 59.267, columns: 2, rows: 4, left: 17.4625, top: 14.817, across: 95.25, down: 63.5, marks: false }
  ];
  var CARD = { width: 95, height: 85, columns: 2, rows: 3 };
  var POSTER_TILES = 6;
  var NAMES_PER_TILE = 6;

  var SAMPLE = [
    ["Name", "Organisation", "Role", "I can help with", "I'm looking for", "First time"],
    ["Amara Okafor", "Riverside Housing Trust", "Finance manager", "budgeting; grant writing", "volunteer recruitment", "no"],
    ["Bruno Ferreira", "Northgate Clinic", "Practice lead", "volunteer recruitment; rota planning", "grant writing", "yes"],
    ["Chen Wei", "Harbour Arts Centre", "Marketing officer", "social media; newsletters", "a mentor", "yes"],
    ["Dana Kowalski", "Westfield Food Bank", "Director", "mentoring new managers; board governance", "social media", "no"],
    ["Elif Demir", "City Tenants Forum", "Community organiser", "running public meetings", "budgeting for small teams", "yes"],
    ["Farid Haddad", "Lakeside Youth Club", "Youth worker", "safeguarding training", "running public meetings", "no"],
    ["Grace O'Neill", "Hillview Hospice", "Fundraising lead", "fundraising events; grant writing", "data protection advice", "no"],
    ["Hiroshi Tanaka", "Eastbank Library", "Digital services", "data protection; website accessibility", "fundraising events", "yes"],
    ["Ines Moreau", "Green Lanes Trust", "Volunteer coordinator", "volunteer training", "safeguarding training", "no"],
    ["Jonas Berg", "Canal Side Charity", "Trustee", "board governance; strategy days", "rota planning", "no"],
    ["Kemi Adeyemi", "Southside Sports", "Operations manager", "rota planning; event logistics", "newsletters", "yes"],
    ["Luca Rossi", "Old Mill Heritage", "Chief executive", "strategy days", "website accessibility", "no"]
  ];

  var $ = function (id) { return document.getElementById(id); };
  var ui = {
    file: $("pb-kit-file"), messages: $("pb-kit-messages"), columns: $("pb-kit-columns"), columnChoices: $("pb-kit-column-choices"),
    people: $("pb-kit-people"), form: $("pb-kit-person"), formTitle: $("pb-kit-person-title"), save: $("pb-kit-person-save"),
    cancel: $("pb-kit-person-cancel"), event: $("pb-kit-event"), topics: $("pb-kit-topics"), perPerson: $("pb-kit-per-person"),
    firstMarker: $("pb-kit-first-marker"), suggest: $("pb-kit-suggest"), summary: $("pb-kit-summary"), suggestions: $("pb-kit-suggestions"),
    badgeLayout: $("pb-kit-badge-layout"), paper: $("pb-kit-paper"), printStatus: $("pb-kit-print-status"), keep: $("pb-kit-keep"),
    clear: $("pb-kit-clear"), storage: $("pb-kit-storage")
  };

  var state = emptyState();
  var view = { peoplePage: 0, suggestionPage: 0, editing: -1, candidates: null };

  function emptyState() {
    return {
      columns: Kit.FIELDS.map(function (f) { return f.label; }),
      rows: [],
      mapping: { name: 0, organisation: 1, role: 2, offers: 3, needs: 4, first_time: 5 },
      delimiter: ",",
      fileName: "",
      suggestions: [],
      suggested: false
    };
  }

  /* ---- Small DOM helpers (text always goes in as text) ---- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function button(label, className, onClick, ariaLabel) {
    var node = el("button", "md-button " + (className || ""), label);
    node.type = "button";
    if (ariaLabel) { node.setAttribute("aria-label", ariaLabel); }
    node.addEventListener("click", onClick);
    return node;
  }

  function show(container, notes) {
    container.replaceChildren();
    if (!notes.length) { return; }
    var list = el("ul", "pb-kit-notes");
    notes.forEach(function (note) {
      var item = el("li", "pb-kit-note pb-kit-note--" + note.level);
      item.append(el("strong", "", { error: "Problem: ", warning: "Check: ", info: "Note: " }[note.level] || ""), note.text);
      list.append(item);
    });
    container.append(list);
  }

  function people() { return Kit.people(state, state.mapping); }

  function named(list) {
    return list.length < 2 ? list.join("") : list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }

  /* ---- Loading ---- */

  function load(table, fileName, notes) {
    state = emptyState();
    state.columns = table.columns;
    state.rows = table.rows;
    state.delimiter = table.delimiter;
    state.fileName = fileName;
    state.mapping = Kit.guessMapping(table.columns);
    view.peoplePage = 0;
    view.candidates = null;
    var all = notes.concat(table.notes, Kit.check(state, state.mapping));
    all.unshift({ level: "info", text: "Read " + table.rows.length.toLocaleString("en") + " registrant" + (table.rows.length === 1 ? "" : "s") + " from " + fileName + "." });
    show(ui.messages, all);
    renderAll();
    persist();
  }

  ui.file.addEventListener("change", function () {
    var file = ui.file.files && ui.file.files[0];
    if (!file) { return; }
    file.arrayBuffer().then(function (buffer) {
      var decoded = Kit.decode(buffer);
      var notes = decoded.encoding.indexOf("UTF-8") === 0 ? [] : [{ level: "info", text: "The file was read as " + decoded.encoding + "." }];
      load(Kit.parse(decoded.text, Papa), file.name, notes);
    }).catch(function (error) {
      show(ui.messages, [{ level: "error", text: "The file could not be read: " + error.message }]);
    });
  });

  root.querySelector("[data-pb-kit-sample]").addEventListener("click", function () {
    var table = Kit.parse(Papa.unparse(SAMPLE), Papa);
    load(table, "the sample list", []);
    ui.topics.value = "";
  });

  /* ---- Which column is which ---- */

  function renderColumns() {
    ui.columns.hidden = !state.fileName;
    ui.columnChoices.replaceChildren();
    Kit.FIELDS.forEach(function (field) {
      var id = "pb-kit-column-" + field.id;
      var wrap = el("p");
      var label = el("label", "", field.label);
      label.htmlFor = id;
      var select = el("select");
      select.id = id;
      select.append(new Option("(none)", "-1"));
      state.columns.forEach(function (column, i) { select.append(new Option(column, String(i))); });
      select.value = String(state.mapping[field.id]);
      select.addEventListener("change", function () {
        state.mapping[field.id] = Number(select.value);
        show(ui.messages, Kit.check(state, state.mapping));
        renderPeople();
        persist();
      });
      wrap.append(label, select);
      ui.columnChoices.append(wrap);
    });
  }

  /* ---- The list of registrants ---- */

  function renderPeople() {
    var everyone = people();
    ui.people.replaceChildren();
    if (!everyone.length) {
      ui.people.append(el("p", "pb-kit-empty", "No registrants yet: open a CSV file, try the sample, or add people below."));
      return;
    }
    var pages = Math.ceil(everyone.length / PAGE_SIZE);
    view.peoplePage = Math.min(view.peoplePage, pages - 1);
    var from = view.peoplePage * PAGE_SIZE;
    var table = el("table", "pb-kit-table");
    table.append(el("caption", "", everyone.length.toLocaleString("en") + " registrant" + (everyone.length === 1 ? "" : "s") +
      (pages > 1 ? " (" + (from + 1) + " to " + Math.min(from + PAGE_SIZE, everyone.length) + " shown)" : "")));
    var head = el("tr");
    ["Name", "Organisation", "Role", "I can help with", "I'm looking for", "First time", "Change"].forEach(function (text) {
      var th = el("th", "", text);
      th.scope = "col";
      head.append(th);
    });
    var thead = el("thead");
    thead.append(head);
    table.append(thead);
    var body = el("tbody");
    everyone.slice(from, from + PAGE_SIZE).forEach(function (who) {
      var row = el("tr");
      var name = el("th", "", who.name || "(no name)");
      name.scope = "row";
      row.append(name, el("td", "", who.organisation), el("td", "", who.role), el("td", "", who.offers), el("td", "", who.needs), el("td", "", who.firstTime ? "Yes" : ""));
      var actions = el("td", "pb-kit-table__actions");
      var label = who.name || "row " + state.rows[who.index].source;
      actions.append(
        button("Edit", "pb-kit-small", function () { edit(who.index); }, "Edit " + label),
        button("Remove", "pb-kit-small", function () { remove(who.index); }, "Remove " + label)
      );
      row.append(actions);
      body.append(row);
    });
    table.append(body);
    var scroller = el("div", "pb-kit-table-wrap");
    scroller.append(table);
    ui.people.append(scroller);
    if (pages > 1) { ui.people.append(pager(view.peoplePage, pages, "registrants", function (page) { view.peoplePage = page; renderPeople(); })); }
  }

  function pager(current, pages, what, go) {
    var nav = el("nav", "pb-kit-pager");
    nav.setAttribute("aria-label", "Pages of " + what);
    var previous = button("Previous", "pb-kit-small", function () { go(current - 1); });
    previous.disabled = current === 0;
    var next = button("Next", "pb-kit-small", function () { go(current + 1); });
    next.disabled = current >= pages - 1;
    nav.append(previous, el("span", "", "Page " + (current + 1) + " of " + pages), next);
    return nav;
  }

  function fieldInputs() {
    return { name: $("pb-kit-name"), organisation: $("pb-kit-organisation"), role: $("pb-kit-role"), offers: $("pb-kit-offers"), needs: $("pb-kit-needs") };
  }

  function edit(index) {
    var who = Kit.person(state.rows[index], state.mapping, index);
    var inputs = fieldInputs();
    Object.keys(inputs).forEach(function (key) { inputs[key].value = who[key]; });
    $("pb-kit-first").checked = who.firstTime;
    view.editing = index;
    ui.formTitle.textContent = "Edit " + (who.name || "registrant");
    ui.save.textContent = "Save the changes";
    ui.cancel.hidden = false;
    inputs.name.focus();
  }

  function resetForm() {
    ui.form.reset();
    view.editing = -1;
    ui.formTitle.textContent = "Add a registrant";
    ui.save.textContent = "Add to the list";
    ui.cancel.hidden = true;
  }

  /* A field the file has no column for gets a new column, so what is typed always has a place. */
  function columnFor(field) {
    if (state.mapping[field.id] < 0) {
      state.columns.push(field.label);
      state.rows.forEach(function (row) { row.cells.push(""); });
      state.mapping[field.id] = state.columns.length - 1;
    }
    return state.mapping[field.id];
  }

  ui.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var inputs = fieldInputs();
    var row = view.editing >= 0 ? state.rows[view.editing] : { cells: state.columns.map(function () { return ""; }), source: null };
    var values = { name: inputs.name.value, organisation: inputs.organisation.value, role: inputs.role.value, offers: inputs.offers.value, needs: inputs.needs.value };
    values.first_time = $("pb-kit-first").checked ? "yes" : (state.mapping.first_time >= 0 || $("pb-kit-first").checked ? "no" : "");
    Kit.FIELDS.forEach(function (field) {
      if (values[field.id] === "" && state.mapping[field.id] < 0) { return; }
      var column = columnFor(field);
      while (row.cells.length < state.columns.length) { row.cells.push(""); }
      row.cells[column] = values[field.id];
    });
    var added = view.editing < 0;
    if (added) {
      row.source = (state.rows.reduce(function (max, r) { return Math.max(max, r.source || 1); }, 1)) + 1;
      state.rows.push(row);
      view.peoplePage = Math.floor((state.rows.length - 1) / PAGE_SIZE);
    }
    show(ui.messages, [{ level: "info", text: (added ? "Added " : "Saved ") + (values.name || "the registrant") + "." }]);
    resetForm();
    renderPeople();
    persist();
    inputs.name.focus();
  });

  ui.cancel.addEventListener("click", resetForm);

  function remove(index) {
    var who = Kit.person(state.rows[index], state.mapping, index);
    state.rows.splice(index, 1);
    state.suggestions = state.suggestions.filter(function (s) { return s.a !== index && s.b !== index; }).map(function (s) {
      return { a: s.a > index ? s.a - 1 : s.a, b: s.b > index ? s.b - 1 : s.b, reason: s.reason, accepted: s.accepted };
    });
    view.candidates = null;
    show(ui.messages, [{ level: "info", text: "Removed " + (who.name || "the registrant") + " from the list." }]);
    renderPeople();
    renderSuggestions();
    persist();
  }

  /* ---- Suggestions ---- */

  ui.suggest.addEventListener("click", function () {
    var everyone = people();
    var keep = state.suggestions.filter(function (s) { return s.accepted; }).map(function (s) {
      return { a: s.a, b: s.b, reason: s.reason, ab: [], ba: [], accepted: true, kept: true };
    });
    var result = Kit.suggest(everyone, Kit.topicList(ui.topics.value), Number(ui.perPerson.value), keep);
    view.candidates = result.candidates;
    state.suggestions = result.suggestions.map(function (pair) {
      return { a: pair.a, b: pair.b, reason: pair.reason, accepted: Boolean(pair.accepted) };
    });
    state.suggested = true;
    view.suggestionPage = 0;
    renderSuggestions();
    persist();
  });

  function describe(who) {
    return who.name + (who.organisation ? " (" + who.organisation + ")" : "");
  }

  function renderSuggestions() {
    var everyone = people();
    ui.suggestions.replaceChildren();
    if (!state.suggested) { ui.summary.textContent = ""; return; }
    var met = {};
    state.suggestions.forEach(function (s) { met[s.a] = true; met[s.b] = true; });
    var withName = everyone.filter(function (who) { return who.name; });
    var without = withName.filter(function (who) { return !met[who.index]; }).map(function (who) { return who.name; });
    var accepted = state.suggestions.filter(function (s) { return s.accepted; }).length;
    ui.summary.textContent = state.suggestions.length + " introduction" + (state.suggestions.length === 1 ? "" : "s") + " for " +
      (withName.length - without.length) + " of " + withName.length + " people, " + accepted + " accepted." +
      (without.length ? " No match yet for " + (without.length > 10 ? without.length + " people" : named(without)) + ": add to their answers, or introduce them yourself." : "");
    var pages = Math.max(1, Math.ceil(state.suggestions.length / SUGGESTION_PAGE_SIZE));
    view.suggestionPage = Math.min(view.suggestionPage, pages - 1);
    var from = view.suggestionPage * SUGGESTION_PAGE_SIZE;
    ui.suggestions.start = from + 1;
    state.suggestions.slice(from, from + SUGGESTION_PAGE_SIZE).forEach(function (s, offset) {
      ui.suggestions.append(suggestionItem(s, from + offset, everyone));
    });
    var old = ui.suggestions.parentNode.querySelector(".pb-kit-pager--suggestions");
    if (old) { old.remove(); }
    if (pages > 1) {
      var nav = pager(view.suggestionPage, pages, "suggestions", function (page) { view.suggestionPage = page; renderSuggestions(); });
      nav.classList.add("pb-kit-pager--suggestions");
      ui.suggestions.after(nav);
    }
  }

  function suggestionItem(s, position, everyone) {
    var a = everyone[s.a], b = everyone[s.b];
    var pairName = a.name + " and " + b.name;
    var item = el("li", "pb-kit-suggestion" + (s.accepted ? " pb-kit-suggestion--accepted" : ""));
    item.dataset.position = String(position);
    var who = el("p", "pb-kit-suggestion__who");
    who.append(el("strong", "", describe(a)), " and ", el("strong", "", describe(b)));
    item.append(who, el("p", "pb-kit-suggestion__why", s.reason));
    var actions = el("div", "pb-kit-suggestion__actions");
    /* A toggle: its name stays "Accept …" and aria-pressed says whether it is on (the filled look). */
    var accept = button("Accept", "pb-kit-small", function () { toggleAccept(position); }, "Accept the introduction of " + pairName);
    accept.setAttribute("aria-pressed", s.accepted ? "true" : "false");
    accept.dataset.action = "accept";
    var swap = button("Swap", "pb-kit-small", function () { swapPartner(position); }, "Swap " + b.name + " for someone else for " + a.name);
    swap.dataset.action = "swap";
    var drop = button("Drop", "pb-kit-small", function () { dropSuggestion(position); }, "Drop the introduction of " + pairName);
    drop.dataset.action = "drop";
    actions.append(accept, swap, drop);
    item.append(actions);
    return item;
  }

  function focusAction(position, action) {
    var item = ui.suggestions.querySelector('[data-position="' + position + '"]');
    var target = item && item.querySelector('[data-action="' + action + '"]');
    (target || ui.summary).focus();
  }

  function toggleAccept(position) {
    var s = state.suggestions[position];
    s.accepted = !s.accepted;
    renderSuggestions();
    focusAction(position, "accept");
    persist();
  }

  function swapPartner(position) {
    var everyone = people();
    var s = state.suggestions[position];
    if (!view.candidates) { view.candidates = Kit.suggest(everyone, Kit.topicList(ui.topics.value), Number(ui.perPerson.value), []).candidates; }
    var others = state.suggestions.filter(function (_, i) { return i !== position; });
    var next = Kit.alternative(view.candidates, everyone, s, s.a, others) || Kit.alternative(view.candidates, everyone, s, s.b, others);
    if (!next) {
      ui.summary.textContent = "Nobody else matches " + everyone[s.a].name + " or " + everyone[s.b].name + ": keep or drop this introduction.";
      focusAction(position, "swap");
      return;
    }
    state.suggestions[position] = { a: next.a, b: next.b, reason: next.reason, accepted: false };
    renderSuggestions();
    ui.summary.textContent = "Swapped: " + everyone[next.a].name + " and " + everyone[next.b].name + ". " + ui.summary.textContent;
    focusAction(position, "swap");
    persist();
  }

  function dropSuggestion(position) {
    var everyone = people();
    var s = state.suggestions.splice(position, 1)[0];
    renderSuggestions();
    ui.summary.textContent = "Dropped the introduction of " + everyone[s.a].name + " and " + everyone[s.b].name + ". " + ui.summary.textContent;
    focusAction(Math.min(position, state.suggestions.length - 1), "accept");
    persist();
  }

  /* ---- Printing ---- */

  BADGE_LAYOUTS.forEach(function (layout) { ui.badgeLayout.append(new Option(layout.name, layout.id)); });

  function mm(value) { return value.toFixed(2) + "mm"; }

  function place(node, x, y, width, height) {
    node.style.left = mm(x);
    node.style.top = mm(y);
    if (width !== undefined) { node.style.width = mm(width); }
    if (height !== undefined) { node.style.height = mm(height); }
  }

  function sheet(paper, landscape) {
    return el("section", "pb-sheet pb-sheet--" + paper + (landscape ? "-landscape" : ""));
  }

  /* Short cut marks in the margins, in line with every edge of a grid of cards or inserts. */
  function marks(node, layout) {
    var right = layout.left + layout.columns * layout.across, bottom = layout.top + layout.rows * layout.down;
    function add(x, y, width, height) { var mark = el("span", "pb-mark"); place(mark, x, y, width, height); node.append(mark); }
    for (var c = 0; c <= layout.columns; c += 1) {
      var x = layout.left + c * layout.across;
      if (layout.top >= 8) { add(x - 0.1, layout.top - 7, 0.2, 5); }
      if (layout.paperHeight - bottom >= 8) { add(x - 0.1, bottom + 2, 0.2, 5); }
    }
    for (var r = 0; r <= layout.rows; r += 1) {
      var y = layout.top + r * layout.down;
      if (layout.left >= 8) { add(layout.left - 7, y - 0.1, 5, 0.2); }
      if (layout.paperWidth - right >= 8) { add(right + 2, y - 0.1, 5, 0.2); }
    }
  }

  function grid(items, layout, paper, build) {
    var size = PAPERS[paper];
    var full = { left: layout.left, top: layout.top, across: layout.across, down: layout.down, columns: layout.columns, rows: layout.rows, paperWidth: size.width, paperHeight: size.height };
    var perSheet = layout.columns * layout.rows, sheets = [];
    for (var start = 0; start < items.length; start += perSheet) {
      var page = sheet(paper);
      if (layout.marks) { marks(page, full); }
      items.slice(start, start + perSheet).forEach(function (item, i) {
        var node = build(item);
        place(node, layout.left + (i % layout.columns) * layout.across, layout.top + Math.floor(i / layout.columns) * layout.down, layout.width, layout.height);
        page.append(node);
      });
      sheets.push(page);
    }
    return sheets;
  }

  function eventName() { return ui.event.value.trim(); }

  function badge(who, layout) {
    var node = el("div", "pb-badge" + (layout.height < 62 ? " pb-badge--small" : ""));
    node.append(el("div", "pb-badge__band"));
    if (eventName()) { node.append(el("p", "pb-badge__event", eventName())); }
    node.append(el("p", "pb-badge__name pb-fit-line", who.name));
    var line = [who.role, who.organisation].filter(Boolean).join(", ");
    if (line) { node.append(el("p", "pb-badge__org pb-fit-line", line)); }
    var lists = el("dl", "pb-badge__lists pb-fit-box");
    if (who.offers) { lists.append(el("dt", "", "Ask me about"), el("dd", "", Kit.items(who.offers).join(", "))); }
    if (who.needs) { lists.append(el("dt", "", "I’m looking for"), el("dd", "", Kit.items(who.needs).join(", "))); }
    node.append(lists);
    if (who.firstTime && ui.firstMarker.checked) { node.append(el("p", "pb-badge__first", "First time here: say hello")); }
    return node;
  }

  function introCard(s, everyone) {
    var a = everyone[s.a], b = everyone[s.b];
    var node = el("div", "pb-intro");
    node.append(el("p", "pb-intro__event", (eventName() ? eventName() + " · " : "") + "Introduction"));
    node.append(el("p", "pb-intro__title pb-fit-line", Kit.firstName(a) + ", meet " + Kit.firstName(b)));
    var body = el("div", "pb-intro__body pb-fit-box");
    body.append(el("p", "pb-intro__why", s.reason));
    var pair = el("div", "pb-intro__people");
    [a, b].forEach(function (who) {
      var block = el("div", "pb-intro__person");
      block.append(el("strong", "", who.name));
      var line = [who.role, who.organisation].filter(Boolean).join(", ");
      if (line) { block.append(el("span", "", line)); }
      pair.append(block);
    });
    body.append(pair);
    node.append(body, el("p", "pb-intro__foot", "Find each other at the break, and swap details if it helps."));
    return node;
  }

  /* The wall poster: a tile per topic with who can help and who is looking. With the
   * association's topic list, a tile for every topic someone named; otherwise a tile for every
   * need, with the people whose offers share the most words with it. */
  function posterTiles(everyone) {
    var topics = Kit.topicList(ui.topics.value);
    var pool = everyone.filter(function (who) { return who.name; });
    var groups = [];
    if (topics.length) {
      groups = topics.map(function (topic) {
        function names(who, side) {
          return Kit.items(who[side]).some(function (item) {
            var words = Kit.terms(item);
            return topic.terms.every(function (term) { return words.indexOf(term) >= 0; });
          });
        }
        return {
          label: topic.label,
          ask: pool.filter(function (who) { return names(who, "offers"); }),
          seek: pool.filter(function (who) { return names(who, "needs"); })
        };
      }).filter(function (group) { return group.ask.length + group.seek.length > 0; });
    } else {
      var byNeed = {};
      pool.forEach(function (who) {
        Kit.items(who.needs).forEach(function (item) {
          var words = Kit.terms(item);
          if (!words.length) { return; }
          var key = words.slice().sort().join(" ");
          var group = byNeed[key] || (byNeed[key] = { label: item, words: words, ask: [], seek: [] });
          if (group.seek.indexOf(who) < 0) { group.seek.push(who); }
        });
      });
      groups = Object.keys(byNeed).map(function (key) {
        var group = byNeed[key], best = 0, helpers = [];
        pool.forEach(function (who) {
          if (group.seek.indexOf(who) >= 0) { return; }
          var offered = Kit.terms(who.offers);
          var shared = group.words.filter(function (word) { return offered.indexOf(word) >= 0; }).length;
          if (shared > best) { best = shared; helpers = []; }
          if (shared && shared === best) { helpers.push(who); }
        });
        group.ask = helpers;
        return group;
      });
    }
    groups.sort(function (x, y) {
      return (y.ask.length + y.seek.length) - (x.ask.length + x.seek.length) || x.label.localeCompare(y.label);
    });
    var tiles = [];
    groups.forEach(function (group) {
      var parts = Math.max(1, Math.ceil(Math.max(group.ask.length, group.seek.length) / NAMES_PER_TILE));
      for (var part = 0; part < parts; part += 1) {
        tiles.push({
          label: group.label + (part ? " (continued)" : ""),
          ask: group.ask.slice(part * NAMES_PER_TILE, (part + 1) * NAMES_PER_TILE),
          seek: group.seek.slice(part * NAMES_PER_TILE, (part + 1) * NAMES_PER_TILE)
        });
      }
    });
    return tiles;
  }

  function tile(data) {
    var node = el("div", "pb-tile");
    node.append(el("h2", "pb-tile__topic pb-fit-line", data.label));
    [["Can help", data.ask], ["Looking for help", data.seek]].forEach(function (side) {
      var column = el("div", "pb-tile__side");
      column.append(el("p", "pb-tile__kind", side[0]));
      var list = el("ul");
      side[1].forEach(function (who) { list.append(el("li", "", describe(who))); });
      if (!side[1].length) { list.append(el("li", "pb-tile__none", "Could it be you?")); }
      column.append(list);
      node.append(column);
    });
    return node;
  }

  function poster(tiles, paper) {
    var sheets = [], pages = Math.ceil(tiles.length / POSTER_TILES);
    for (var p = 0; p < pages; p += 1) {
      var page = sheet(paper, true);
      var head = el("header", "pb-poster__head");
      head.append(el("p", "pb-poster__title", "Who can help with what"), el("p", "pb-poster__meta", (eventName() ? eventName() + " · " : "") + "Find the person, say hello · sheet " + (p + 1) + " of " + pages));
      var body = el("div", "pb-poster__tiles");
      tiles.slice(p * POSTER_TILES, (p + 1) * POSTER_TILES).forEach(function (data) { body.append(tile(data)); });
      page.append(head, body);
      sheets.push(page);
    }
    return sheets;
  }

  /* Shrink text that does not fit its box, in rounds over every box at once (one layout per
   * round, however many badges). Returns the boxes still too full at the smallest size. */
  function fit(container) {
    var boxes = Array.prototype.slice.call(container.querySelectorAll(".pb-fit-line, .pb-fit-box"));
    var sizes = boxes.map(function (box) { return parseFloat(getComputedStyle(box).fontSize); });
    for (var round = 0; round < 12; round += 1) {
      var over = boxes.map(function (box) {
        return box.classList.contains("pb-fit-line") ? box.scrollWidth > box.clientWidth + 1 : box.scrollHeight > box.clientHeight + 1;
      });
      var changed = false;
      boxes.forEach(function (box, i) {
        if (over[i] && sizes[i] > 7) { sizes[i] = Math.max(7, sizes[i] * 0.88); box.style.fontSize = sizes[i].toFixed(2) + "px"; changed = true; }
      });
      if (!changed) { return boxes.filter(function (_, i) { return over[i]; }); }
    }
    return [];
  }

  var printRoot = el("div", "pb-kit-print");
  printRoot.setAttribute("aria-hidden", "true");
  document.body.append(printRoot);

  function prepare(kind) {
    var everyone = people(), sheets = [], what = "", tooFull = [];
    if (kind === "badges") {
      var layout = BADGE_LAYOUTS.find(function (l) { return l.id === ui.badgeLayout.value; }) || BADGE_LAYOUTS[0];
      var badged = everyone.filter(function (who) { return who.name; });
      sheets = grid(badged, layout, layout.paper, function (who) { return badge(who, layout); });
      what = badged.length + " badge" + (badged.length === 1 ? "" : "s") + " on " + sheets.length + " sheet" + (sheets.length === 1 ? "" : "s") + " (" + layout.name + ")";
    } else if (kind === "cards") {
      var accepted = state.suggestions.filter(function (s) { return s.accepted; });
      var size = PAPERS[ui.paper.value];
      var layout2 = { width: CARD.width, height: CARD.height, columns: CARD.columns, rows: CARD.rows, across: CARD.width, down: CARD.height, marks: true,
        left: (size.width - CARD.columns * CARD.width) / 2, top: (size.height - CARD.rows * CARD.height) / 2 };
      sheets = grid(accepted, layout2, ui.paper.value, function (s) { return introCard(s, everyone); });
      what = accepted.length + " introduction card" + (accepted.length === 1 ? "" : "s") + " on " + sheets.length + " " + size.name + " sheet" + (sheets.length === 1 ? "" : "s");
      if (!accepted.length) { what = "No introductions accepted yet: accept some under “Suggested introductions” first"; }
    } else {
      var tiles = posterTiles(everyone);
      sheets = poster(tiles, ui.paper.value);
      what = "The wall poster: " + tiles.length + " topic" + (tiles.length === 1 ? "" : "s") + " on " + sheets.length + " " + PAPERS[ui.paper.value].name + " sheet" + (sheets.length === 1 ? "" : "s");
      if (!tiles.length) { what = "Nothing for the poster yet: load registrants with answers first"; }
    }
    printRoot.replaceChildren.apply(printRoot, sheets);
    printRoot.classList.add("pb-kit-print--measuring");
    tooFull = fit(printRoot);
    printRoot.classList.remove("pb-kit-print--measuring");
    document.body.classList.remove("pb-kit-printing--badges", "pb-kit-printing--cards", "pb-kit-printing--poster");
    document.body.classList.add("pb-kit-printing", "pb-kit-printing--" + kind);
    ui.printStatus.textContent = what + "." + (tooFull.length ? " " + tooFull.length + " text" + (tooFull.length === 1 ? " is" : "s are") + " too long to fit at the smallest size and will be cut short: shorten those answers, or choose a larger badge." : "");
    return sheets.length;
  }

  /* After the print dialog, printing the page (Ctrl+P) prints the page again, not the last sheets. */
  window.addEventListener("afterprint", function () {
    document.body.classList.remove("pb-kit-printing", "pb-kit-printing--badges", "pb-kit-printing--cards", "pb-kit-printing--poster");
  });

  root.querySelectorAll("[data-pb-kit-print]").forEach(function (control) {
    control.addEventListener("click", function () {
      if (prepare(control.getAttribute("data-pb-kit-print"))) { window.print(); }
    });
  });

  /* ---- Downloads ---- */

  function download(name, text) {
    var link = el("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  root.querySelectorAll("[data-pb-kit-download]").forEach(function (control) {
    control.addEventListener("click", function () {
      if (control.getAttribute("data-pb-kit-download") === "people") {
        download("registrants.csv", Kit.toCsv(state.columns, state.rows.map(function (row) { return row.cells; }), state.delimiter, Papa));
        return;
      }
      var everyone = people();
      var rows = state.suggestions.map(function (s) {
        var a = everyone[s.a], b = everyone[s.b];
        return [a.name, a.organisation, b.name, b.organisation, s.reason, s.accepted ? "yes" : "no"];
      });
      download("introductions.csv", Kit.toCsv(["Person", "Organisation", "Meets", "Their organisation", "Why", "Accepted"], rows, state.delimiter, Papa));
    });
  });

  /* ---- Keeping the list on this computer (only when asked) ---- */

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function persist() {
    var store = storage();
    if (!ui.keep.checked || !store) { return; }
    try {
      store.setItem(STORE_KEY, JSON.stringify({ saved: new Date().toISOString(), state: state, event: ui.event.value, topics: ui.topics.value, perPerson: ui.perPerson.value }));
      ui.storage.textContent = "Your list is kept on this computer.";
    } catch (error) {
      ui.storage.textContent = "This browser would not keep the list (" + error.name + "); download it instead.";
    }
  }

  ui.keep.addEventListener("change", function () {
    if (ui.keep.checked) {
      if (!storage()) { ui.keep.checked = false; ui.storage.textContent = "This browser does not allow saving here; download the list instead."; return; }
      persist();
    } else {
      clearSaved("Your list is no longer kept on this computer; what is on the page stays until you close it.");
    }
  });

  function clearSaved(message) {
    var store = storage();
    try { if (store) { store.removeItem(STORE_KEY); } } catch (error) { /* nothing was saved */ }
    ui.keep.checked = false;
    ui.storage.textContent = message;
  }

  ui.clear.addEventListener("click", function () { clearSaved("The saved list is cleared from this computer."); });
  [ui.event, ui.topics, ui.perPerson].forEach(function (control) { control.addEventListener("change", persist); });

  function restore() {
    var store = storage(), saved = null;
    try { saved = store && JSON.parse(store.getItem(STORE_KEY) || "null"); } catch (error) { saved = null; }
    if (!saved || !saved.state || !Array.isArray(saved.state.rows)) { return; }
    state = saved.state;
    ui.event.value = saved.event || "";
    ui.topics.value = saved.topics || "";
    ui.perPerson.value = saved.perPerson || "2";
    ui.keep.checked = true;
    ui.storage.textContent = "Restored the list you kept on this computer on " + new Date(saved.saved).toLocaleString("en-GB", { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }) + ". “Clear the saved list” deletes it.";
  }

  function renderAll() {
    renderColumns();
    renderPeople();
    renderSuggestions();
  }

  restore();
  renderAll();
  window.PlaybookEventKitPage = { state: function () { return state; }, prepare: prepare, layouts: BADGE_LAYOUTS };
})();
