/* The event kit's needs-and-offers matcher, without the page: reading a registrants CSV, finding
 * who can help whom, and writing CSV that is safe to open in a spreadsheet. Pure functions on
 * plain data (the page is event-kit.js); nothing here touches the network or storage.
 * Exposed as window.PlaybookEventKit so the page and the browser tests share one implementation. */
(function () {
  "use strict";

  var MAX_ROWS = 20000;
  var MAX_BYTES = 20 * 1024 * 1024;

  /* The columns the matcher understands, with the headings other tools and languages use for them. */
  var FIELDS = [
    { id: "name", label: "Name", aliases: ["name", "full name", "your name", "attendee", "participant", "delegate", "attendee name", "naam", "nom", "nombre"] },
    { id: "organisation", label: "Organisation", aliases: ["organisation", "organization", "company", "employer", "org", "institution", "affiliation", "organisation name", "organization name", "company name"] },
    { id: "role", label: "Role", aliases: ["role", "job title", "title", "position", "job", "function", "job role"] },
    { id: "offers", label: "I can help with", aliases: ["i can help with", "can help with", "offers", "offer", "ask me about", "expertise", "i can offer", "happy to help with", "help with", "i can help others with"] },
    { id: "needs", label: "I'm looking for", aliases: ["i'm looking for", "i am looking for", "looking for", "needs", "need", "seeking", "i need", "wants", "i want to meet", "i'd like help with"] },
    { id: "first_time", label: "First time", aliases: ["first time", "first timer", "first-timer", "first-time", "new", "new member", "newcomer", "first event", "first time here", "is this your first event"] }
  ];
  var YES = ["yes", "y", "true", "1", "x", "✓", "✔", "ja", "oui", "si", "sí", "first", "first time", "new"];
  var FORMULA_START = /^[=+\-@\t\r]/;

  function heading(text) {
    return String(text || "").replace(/^\ufeff/, "").replace(/[’`]/g, "'").replace(/[\s_:?*"]+/g, " ").trim().toLowerCase();
  }

  /* ---- Reading a file ---- */

  /* Excel writes UTF-8 with a byte order mark, UTF-16 ("Unicode text") or, in older versions and
   * many locales, Windows-1252: take the marks at their word, else UTF-8 if it decodes cleanly. */
  function decode(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes.length > MAX_BYTES) {
      throw new RangeError("The file is " + Math.round(bytes.length / 1048576) + " MB; the matcher reads files up to 20 MB.");
    }
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "UTF-8 (with a byte order mark)" };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xfe) { return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "UTF-16" }; }
    if (bytes[0] === 0xfe && bytes[1] === 0xff) { return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "UTF-16" }; }
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "UTF-8" };
    } catch (error) {
      return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "Windows-1252 (Excel's older CSV format)" };
    }
  }

  function blank(cells) {
    return cells.every(function (cell) { return String(cell).trim() === ""; });
  }

  function columnName(columns, index) {
    return "“" + (columns[index] || "column " + (index + 1)) + "”";
  }

  /* Parse CSV text into {columns, rows, delimiter, notes}. Every cell of every non-empty row is
   * kept, with its spreadsheet row number (the heading is row 1); notes name the row and column
   * of anything odd, and say what was done about it. */
  function parse(text, Papa) {
    var result = Papa.parse(text, { header: false, skipEmptyLines: false, delimitersToGuess: [",", ";", "\t", "|"] });
    var data = result.data, notes = [], rows = [], skipped = [];
    var last = data[data.length - 1];
    if (data.length > 1 && last.length === 1 && last[0] === "") { data = data.slice(0, -1); } /* the file's final line break */
    var start = 0;
    while (start < data.length && blank(data[start])) { start += 1; }
    if (start >= data.length) {
      return { columns: [], rows: [], delimiter: ",", notes: [{ level: "error", text: "The file is empty: it has no heading row and no registrants." }] };
    }
    var columns = data[start].map(function (cell, i) { return String(cell).trim() || "Column " + (i + 1); });
    var width = columns.length;
    result.errors.forEach(function (error) {
      if (error.code === "UndetectableDelimiter") { return; }
      var row = typeof error.row === "number" ? error.row + 1 : null;
      notes.push({ level: "warning", text: (row ? "Row " + row + ": " : "") + quoteProblem(error) });
    });
    for (var i = start + 1; i < data.length; i += 1) {
      var cells = data[i].map(function (cell) { return String(cell); });
      var rowNumber = i + 1;
      if (blank(cells)) { skipped.push(rowNumber); continue; }
      if (rows.length >= MAX_ROWS) {
        notes.push({ level: "error", text: "The file has more than " + MAX_ROWS.toLocaleString("en") + " registrants; rows from " + rowNumber + " on were not read. Split it into smaller files." });
        break;
      }
      if (cells.length > width) {
        for (var extra = width; extra < cells.length; extra += 1) { columns.push("Extra column " + (extra - width + 1)); }
        notes.push({ level: "warning", text: "Row " + rowNumber + " has " + cells.length + " cells but the heading has " + width + ": the extra cells are kept in new columns at the end. A comma or semicolon inside an answer may need quotes around the cell." });
        width = cells.length;
      } else if (cells.length < width) {
        notes.push({ level: "warning", text: "Row " + rowNumber + " has " + cells.length + (cells.length === 1 ? " cell" : " cells") + " where the heading has " + width + ": " + columnName(columns, cells.length) + " and the columns after it are empty for this row." });
      }
      while (cells.length < width) { cells.push(""); }
      rows.push({ cells: cells, source: rowNumber });
    }
    rows.forEach(function (row) { while (row.cells.length < columns.length) { row.cells.push(""); } });
    if (skipped.length) {
      notes.push({ level: "info", text: skipped.length + " empty row" + (skipped.length === 1 ? " was" : "s were") + " skipped (row " + listNumbers(skipped) + ")." });
    }
    return { columns: columns, rows: rows, delimiter: result.meta.delimiter || ",", notes: notes };
  }

  function quoteProblem(error) {
    if (error.type === "Quotes") {
      return "a quote mark (\") opens a cell that never closes, so the rest of the file may have been read into that cell. Check the row in your spreadsheet and save it again as CSV.";
    }
    return error.message;
  }

  function listNumbers(numbers) {
    var shown = numbers.slice(0, 8).join(", ");
    return numbers.length > 8 ? shown + " and " + (numbers.length - 8) + " more" : shown;
  }

  /* Which column holds each field: exact headings first, then headings that contain an alias. */
  function guessMapping(columns) {
    var mapping = {}, used = {};
    var names = columns.map(heading);
    FIELDS.forEach(function (field) {
      var found = names.findIndex(function (name, i) { return !used[i] && field.aliases.indexOf(name) >= 0; });
      if (found < 0) {
        found = names.findIndex(function (name, i) {
          return !used[i] && field.aliases.some(function (alias) { return alias.length > 3 && alias.indexOf(" ") > 0 && name.indexOf(alias) >= 0; });
        });
      }
      mapping[field.id] = found;
      if (found >= 0) { used[found] = true; }
    });
    return mapping;
  }

  /* Notes about what a mapping leaves out, and cells a spreadsheet would run as formulas. */
  function check(table, mapping) {
    var notes = [];
    FIELDS.forEach(function (field) {
      if (mapping[field.id] >= 0 || field.id === "role" || field.id === "organisation") { return; }
      var why = {
        name: "badges and introductions need a name. Choose the column that holds names below.",
        offers: "the matcher needs it to know who can help. Choose it below, or add answers in the list.",
        needs: "the matcher needs it to know who is looking for what. Choose it below, or add answers in the list.",
        first_time: "without it the matcher cannot pair first-timers with experienced members; choose it below if your file says who is new."
      }[field.id];
      notes.push({ level: field.id === "first_time" ? "info" : "warning", text: "No column for “" + field.label + "” was found (columns in the file: " + table.columns.join(", ") + "): " + why });
    });
    var formulas = [];
    table.rows.forEach(function (row) {
      row.cells.forEach(function (cell, c) {
        if (FORMULA_START.test(cell)) { formulas.push("row " + row.source + ", column " + columnName(table.columns, c) + " (“" + cell.slice(0, 24) + "”)"); }
      });
    });
    if (formulas.length) {
      notes.push({
        level: "info",
        text: formulas.length + " cell" + (formulas.length === 1 ? " starts" : "s start") + " with =, +, - or @, which a spreadsheet may run as a formula: " +
          formulas.slice(0, 5).join("; ") + (formulas.length > 5 ? "; and " + (formulas.length - 5) + " more" : "") +
          ". They are kept exactly as typed and shown as plain text here; downloads put an apostrophe in front of them."
      });
    }
    table.rows.forEach(function (row) {
      if (mapping.name >= 0 && !String(row.cells[mapping.name]).trim()) {
        notes.push({ level: "warning", text: "Row " + row.source + ", column " + columnName(table.columns, mapping.name) + ": no name. The row is kept; add a name to print a badge for it." });
      }
    });
    return notes;
  }

  /* ---- Matching ---- */

  var STOP = {};
  ("a an and or the of for to in on at by with from about into over as is are be been being it its this that these those " +
    "my our your their me we you they i im i'm looking look help helping can could would like want wants need needs someone " +
    "somebody anyone people person advice ideas how what who where when why other others new more some any all etc get getting " +
    "find finding learn learning good best better way ways work working do doing make making use using also just very").split(" ").forEach(function (word) { STOP[word] = true; });

  function stem(word) {
    var w = word;
    if (w.length > 5 && /ies$/.test(w)) { w = w.slice(0, -3) + "y"; }
    else if (w.length > 5 && /ing$/.test(w)) { w = w.slice(0, -3); }
    else if (w.length > 6 && /ment$/.test(w)) { w = w.slice(0, -4); }
    else if (w.length > 6 && /ship$/.test(w)) { w = w.slice(0, -4); }
    else if (w.length > 4 && /ed$/.test(w)) { w = w.slice(0, -2); }
    else if (w.length > 4 && /(ss|x|z|ch|sh)es$/.test(w)) { w = w.slice(0, -2); }
    else if (w.length > 3 && /[^su]s$/.test(w)) { w = w.slice(0, -1); }
    if (w.length > 4 && /e$/.test(w)) { w = w.slice(0, -1); }
    return w;
  }

  function terms(text) {
    var seen = {}, found = [];
    String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/[^a-z0-9']+/).forEach(function (word) {
      word = word.replace(/^'+|'+$/g, "");
      if (word.length < 3 || STOP[word]) { return; }
      var s = stem(word);
      if (!seen[s]) { seen[s] = true; found.push(s); }
    });
    return found;
  }

  function items(text) {
    return String(text || "").split(/[;\n|•·]+|,(?![^()]*\))/).map(function (item) { return item.trim(); }).filter(Boolean);
  }

  function isYes(text) {
    return YES.indexOf(String(text || "").trim().toLowerCase()) >= 0;
  }

  function topicList(text) {
    return String(text || "").split(/\n+/).map(function (line) { return line.trim(); }).filter(Boolean).map(function (label) {
      return { label: label, terms: terms(label) };
    }).filter(function (topic) { return topic.terms.length; });
  }

  /* What each person offers and seeks, as features: a topic from the association's list ("t:")
   * when an answer names it, else the answer's words ("w:"). Each feature remembers the answer. */
  function features(text, topics) {
    var found = {};
    items(text).forEach(function (item) {
      var words = terms(item), matched = false;
      topics.forEach(function (topic, t) {
        if (topic.terms.every(function (term) { return words.indexOf(term) >= 0; })) {
          matched = true;
          if (!found["t:" + t]) { found["t:" + t] = { item: item, label: topic.label }; }
        }
      });
      if (!matched) {
        words.forEach(function (word) { if (!found["w:" + word]) { found["w:" + word] = { item: item, label: item }; } });
      }
    });
    return found;
  }

  function person(row, mapping, index) {
    function get(field) { return mapping[field] >= 0 ? String(row.cells[mapping[field]] || "").trim() : ""; }
    return {
      index: index,
      name: get("name"),
      organisation: get("organisation"),
      role: get("role"),
      offers: get("offers"),
      needs: get("needs"),
      firstTime: mapping.first_time >= 0 && isYes(get("first_time"))
    };
  }

  function people(table, mapping) {
    return table.rows.map(function (row, i) { return person(row, mapping, i); });
  }

  function firstName(who) {
    return (who.name.split(/\s+/)[0] || who.name);
  }

  function quoted(text) { return "“" + text + "”"; }

  /* One direction of help, as words: what A offers that B is looking for. */
  function helpPhrase(helper, helped, shared) {
    var best = shared[0];
    if (best.topic) { return firstName(helper) + " can help " + firstName(helped) + " with " + best.label; }
    var same = best.offer.toLowerCase() === best.need.toLowerCase();
    return firstName(helper) + " can help " + firstName(helped) + " with " + quoted(best.offer) +
      (same ? "" : " (" + firstName(helped) + " is looking for " + quoted(best.need) + ")");
  }

  /* Every pair with something to offer each other, scored. Features many people share count for
   * less (their weight falls with how common they are), and a first-timer meeting someone who has
   * been before counts for more. */
  function candidates(everyone, topics) {
    var offers = [], needs = [], seen = {};
    var pool = everyone.filter(function (p) { return p.name; });
    pool.forEach(function (p) {
      offers[p.index] = features(p.offers, topics);
      needs[p.index] = features(p.needs, topics);
      Object.keys(offers[p.index]).concat(Object.keys(needs[p.index])).forEach(function (f) {
        seen[f] = seen[f] || {};
        seen[f][p.index] = true;
      });
    });
    var weight = {}, offerers = {}, seekers = {};
    Object.keys(seen).forEach(function (f) {
      weight[f] = Math.log(1 + pool.length / Object.keys(seen[f]).length) * (f.charAt(0) === "t" ? 1.5 : 1);
      offerers[f] = [];
      seekers[f] = [];
    });
    pool.forEach(function (p) {
      Object.keys(offers[p.index]).forEach(function (f) { offerers[f].push(p.index); });
      Object.keys(needs[p.index]).forEach(function (f) { seekers[f].push(p.index); });
    });
    var pairs = {};
    Object.keys(weight).forEach(function (f) {
      offerers[f].forEach(function (a) {
        seekers[f].forEach(function (b) {
          if (a === b) { return; }
          var key = a < b ? a + ":" + b : b + ":" + a;
          var pair = pairs[key] || (pairs[key] = { a: Math.min(a, b), b: Math.max(a, b), score: 0, ab: [], ba: [] });
          var share = { weight: weight[f], topic: f.charAt(0) === "t", label: offers[a][f].label, offer: offers[a][f].item, need: needs[b][f].item };
          (a === pair.a ? pair.ab : pair.ba).push(share);
          pair.score += weight[f];
        });
      });
    });
    var byPerson = {};
    Object.keys(pairs).forEach(function (key) {
      var pair = pairs[key], a = everyone[pair.a], b = everyone[pair.b];
      if (a.firstTime !== b.firstTime) { pair.score *= 1.25; }
      [pair.ab, pair.ba].forEach(function (list) { list.sort(function (x, y) { return y.weight - x.weight; }); });
      (byPerson[pair.a] = byPerson[pair.a] || []).push(pair);
      (byPerson[pair.b] = byPerson[pair.b] || []).push(pair);
    });
    Object.keys(byPerson).forEach(function (p) {
      byPerson[p].sort(function (x, y) { return y.score - x.score || x.a - y.a || x.b - y.b; });
    });
    return byPerson;
  }

  function reason(pair, everyone) {
    var a = everyone[pair.a], b = everyone[pair.b];
    var parts = [];
    if (pair.buddy) {
      var newcomer = a.firstTime ? a : b, host = a.firstTime ? b : a;
      return firstName(newcomer) + " is new and no answers match yet; " + firstName(host) + " has been before and can introduce " + firstName(newcomer) + " around.";
    }
    if (pair.ab.length) { parts.push(helpPhrase(a, b, pair.ab)); }
    if (pair.ba.length) { parts.push(helpPhrase(b, a, pair.ba)); }
    var text = parts.join("; and ") + ".";
    if (a.firstTime !== b.firstTime) {
      text += " " + firstName(a.firstTime ? a : b) + " is new; " + firstName(a.firstTime ? b : a) + " has been before.";
    }
    return text;
  }

  /* Suggestions: everyone who has a match gets at least one (fewest options first, first-timers
   * with someone experienced where possible), then more up to `perPerson`. A first-timer with no
   * match at all is paired with an experienced member who has few introductions. `keep` holds
   * pairs to keep as they are (accepted ones) when suggesting again. */
  function suggest(everyone, topics, perPerson, keep) {
    var byPerson = candidates(everyone, topics);
    var chosen = [], taken = {}, count = {};
    function key(pair) { return pair.a + ":" + pair.b; }
    function add(pair) {
      if (taken[key(pair)]) { return false; }
      taken[key(pair)] = true;
      count[pair.a] = (count[pair.a] || 0) + 1;
      count[pair.b] = (count[pair.b] || 0) + 1;
      chosen.push(pair);
      return true;
    }
    (keep || []).forEach(function (pair) { add(pair); });
    var order = Object.keys(byPerson).map(Number).sort(function (x, y) {
      return (everyone[y].firstTime - everyone[x].firstTime) || byPerson[x].length - byPerson[y].length || x - y;
    });
    function partner(pair, p) { return everyone[pair.a === p ? pair.b : pair.a]; }
    order.forEach(function (p) {
      if (count[p]) { return; }
      var options = byPerson[p];
      if (everyone[p].firstTime) {
        var experienced = options.filter(function (pair) { return !partner(pair, p).firstTime; });
        if (experienced.length) { options = experienced.concat(options); }
      }
      var open = options.filter(function (pair) { return (count[partner(pair, p).index] || 0) < perPerson; });
      add((open.length ? open : options)[0]);
    });
    for (var round = 1; round < perPerson; round += 1) {
      order.forEach(function (p) {
        if ((count[p] || 0) > round) { return; }
        byPerson[p].some(function (pair) {
          var other = partner(pair, p).index;
          return !taken[key(pair)] && (count[other] || 0) < perPerson && add(pair);
        });
      });
    }
    var hosts = everyone.filter(function (q) { return q.name && !q.firstTime; });
    if (hosts.length) {
      everyone.forEach(function (q) {
        if (!q.name || !q.firstTime || count[q.index]) { return; }
        var host = hosts.slice().sort(function (x, y) { return (count[x.index] || 0) - (count[y.index] || 0) || x.index - y.index; })[0];
        add({ a: Math.min(q.index, host.index), b: Math.max(q.index, host.index), score: 0, ab: [], ba: [], buddy: true });
      });
    }
    chosen.forEach(function (pair) { if (!pair.kept) { pair.reason = reason(pair, everyone); } });
    return { suggestions: chosen, candidates: byPerson };
  }

  /* The next-best partner for `person` in place of the current one, skipping people already
   * suggested for them; null when nobody else matches. */
  function alternative(byPerson, everyone, current, person, suggested) {
    var options = byPerson[person] || [];
    var exclude = {};
    (suggested || []).forEach(function (pair) { exclude[pair.a === person ? pair.b : pair.a] = true; });
    var next = options.find(function (pair) {
      var other = pair.a === person ? pair.b : pair.a;
      return !exclude[other] && !(pair.a === current.a && pair.b === current.b);
    });
    if (!next) { return null; }
    next.reason = reason(next, everyone);
    return next;
  }

  /* ---- Writing CSV ---- */

  /* A cell a spreadsheet would treat as a formula gets an apostrophe in front (OWASP's advice for
   * CSV injection); everything else is written as it is. */
  function safeCell(value) {
    var text = String(value == null ? "" : value);
    return FORMULA_START.test(text) ? "'" + text : text;
  }

  function toCsv(columns, rows, delimiter, Papa) {
    var data = [columns.map(safeCell)].concat(rows.map(function (row) { return row.map(safeCell); }));
    return "\ufeff" + Papa.unparse(data, { delimiter: delimiter || ",", newline: "\r\n", quotes: false, escapeFormulae: false });
  }

  window.PlaybookEventKit = {
    FIELDS: FIELDS,
    decode: decode,
    parse: parse,
    guessMapping: guessMapping,
    check: check,
    people: people,
    person: person,
    topicList: topicList,
    terms: terms,
    items: items,
    isYes: isYes,
    suggest: suggest,
    alternative: alternative,
    reason: reason,
    firstName: firstName,
    safeCell: safeCell,
    toCsv: toCsv
  };
})();
