/* Self-assessment and scenario quizzes, scored entirely in the browser.
 * Scoring follows generator/scoring.py step for step (the tests compare the two), and nothing the
 * reader chooses is ever sent anywhere. Past results live in localStorage when the browser allows
 * it; every access is wrapped, because sandboxed or third-party iframes throw on it, and then the
 * quiz still works and says that history is off. Runs on any page holding [data-pb-quiz] markup
 * (PlaybookQuiz.init sets up markup added later). */
(function () {
  "use strict";

  var TOLERANCE = 1e-9;
  var STORE_PREFIX = "networking-playbook.quiz.";
  /* A sandboxed frame (an opaque origin, as in a WordPress embed) can store, download and print
   * nothing: the quiz still scores, leaves out the buttons that could not work, and says so. */
  var SANDBOXED = window.parent !== window && window.origin === "null";
  var SVG = "http://www.w3.org/2000/svg";
  var HISTORY_LIMIT = 100; /* results kept per quiz, the newest */
  var STORED_CHARS_LIMIT = 100000; /* a stored value longer than this is not one the quiz wrote */

  /* ---- Scoring: the rule in generator/scoring.py ---- */

  function roundHalfUp(value) {
    return Math.floor(value + 0.5 + TOLERANCE);
  }

  function score(quiz, answers) {
    var points = quiz.points, totals = {}, maxima = {}, scores = {};
    quiz.dimensions.forEach(function (d) { totals[d.id] = 0; maxima[d.id] = 0; });
    quiz.items.forEach(function (item) {
      var answer = answers[item.id];
      if (typeof answer !== "number" || answer % 1 !== 0 || answer < 1 || answer > points) {
        throw new RangeError("no answer on the scale for " + item.id);
      }
      var earned = (item.reverse ? points + 1 - answer : answer) - 1;
      Object.keys(item.weights).forEach(function (id) {
        totals[id] = totals[id] + item.weights[id] * earned;
        maxima[id] = maxima[id] + item.weights[id] * (points - 1);
      });
    });
    quiz.dimensions.forEach(function (d) { scores[d.id] = roundHalfUp(100 * totals[d.id] / maxima[d.id]); });
    return scores;
  }

  function bandFor(dimension, value) {
    var bands = dimension.bands, last = bands.length - 1;
    for (var i = 0; i <= last; i += 1) {
      if ((bands[i].min <= value && value < bands[i].max) || (i === last && value === bands[i].max)) { return bands[i]; }
    }
    throw new RangeError("no band holds " + value);
  }

  /* ---- The opening sentence of the results: headline() in generator/scoring.py ---- */

  function bandRank(row) { return row.dimension.bands.indexOf(row.band); }

  function inTopBand(row) {
    var count = row.dimension.bands.length;
    return count > 1 && bandRank(row) === count - 1;
  }

  function unique(list) { return list.filter(function (item, i) { return list.indexOf(item) === i; }); }

  function labelsOf(rows) { return names(unique(rows.map(function (row) { return row.band.label; }))); }

  function headline(rows) {
    if (rows.every(inTopBand)) {
      if (rows.length === 1) {
        return "At " + rows[0].score + " out of 100, " + rows[0].dimension.name + " is in its top band (" + labelsOf(rows) + "): keep it there.";
      }
      return "Every area is in its top band (" + labelsOf(rows) + "), so the tips below are about keeping them there.";
    }
    var open = rows.filter(function (row) { return !inTopBand(row); });
    var rank = Math.min.apply(null, open.map(bandRank));
    var lowest = Math.min.apply(null, open.filter(function (row) { return bandRank(row) === rank; }).map(function (row) { return row.score; }));
    var focus = open.filter(function (row) { return bandRank(row) === rank && row.score === lowest; });
    var at = lowest + " out of 100 (" + labelsOf(focus) + ")";
    if (focus.length === rows.length && rows.length > 1) {
      return "Every area scores " + at + ", so start with whichever tips appeal most.";
    }
    var list = names(focus.map(function (row) { return row.dimension.name; }));
    if (rows.length === 1) { return "At " + at + ", " + list + " has room to grow: start with the tips below."; }
    return "Start with " + list + ": at " + at + ", " + (focus.length === 1 ? "it has" : "they have") + " the most room to grow.";
  }

  function resultRows(quiz, scores) {
    return quiz.dimensions.map(function (d) { return { dimension: d, score: scores[d.id], band: bandFor(d, scores[d.id]) }; });
  }

  /* ---- Small DOM helpers (text always goes in as text nodes) ---- */

  function el(tag, attrs, kids, namespace) {
    var node = namespace ? document.createElementNS(namespace, tag) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (kids || []).forEach(function (kid) { node.append(kid); });
    return node;
  }

  function svg(tag, attrs, kids) { return el(tag, attrs, kids, SVG); }

  function trustedHtml(html) {
    /* Band interpretations and feedback are Markdown the generator rendered and sanitised (nh3). */
    var holder = el("div", { "class": "pb-prose" });
    holder.innerHTML = html;
    return holder;
  }

  function names(list) {
    return list.length < 2 ? list.join("") : list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }

  function when(iso, short) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? iso : date.toLocaleString("en-GB", {
      day: "numeric", month: short ? "short" : "long", year: "numeric", hour: "2-digit", minute: "2-digit"
    });
  }

  function change(now, then) {
    if (typeof then !== "number") { return "first result"; }
    return now > then ? "up " + (now - then) : now < then ? "down " + (then - now) : "no change";
  }

  function announce(root, text) {
    var status = root.querySelector(".pb-quiz__status");
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  /* ---- History in localStorage (storage.js guards every access; without it, history is off) ---- */

  function openStore() {
    return window.PlaybookStorage ? window.PlaybookStorage.open() : null;
  }

  /* Stored history is untrusted input: another script on the origin, an old version or a reader's
   * own tinkering may have left anything there. Whatever does not fit is dropped and the rest
   * kept: a result needs a readable date and at least one whole-number score from 0 to 100 for a
   * dimension of this quiz; other fields and unknown dimensions are left behind. */
  function cleanEntry(quiz, entry) {
    if (!entry || typeof entry !== "object" || typeof entry.date !== "string" || entry.date.length > 40) { return null; }
    var time = Date.parse(entry.date), scores = entry.scores, clean = {}, kept = 0;
    if (isNaN(time) || !scores || typeof scores !== "object") { return null; }
    quiz.dimensions.forEach(function (d) {
      var value = Object.prototype.hasOwnProperty.call(scores, d.id) ? scores[d.id] : null;
      if (typeof value === "number" && value % 1 === 0 && value >= 0 && value <= 100) { clean[d.id] = value; kept += 1; }
    });
    return kept ? { date: new Date(time).toISOString(), scores: clean } : null;
  }

  function readHistory(store, quiz) {
    var found = window.PlaybookStorage.read(store, STORE_PREFIX + quiz.id, STORED_CHARS_LIMIT);
    if (!found) { return null; } /* storage refused: history is off */
    return Array.isArray(found.value)
      ? found.value.map(function (entry) { return cleanEntry(quiz, entry); }).filter(Boolean).slice(-HISTORY_LIMIT)
      : [];
  }

  function writeHistory(store, id, list) {
    return window.PlaybookStorage.write(store, STORE_PREFIX + id, list.length ? list.slice(-HISTORY_LIMIT) : null);
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: name });
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function csvCell(value) {
    return '"' + String(value).replace(/"/g, '""') + '"';
  }

  /* ---- The profile quiz ---- */

  function bandEdges(dimension) {
    /* "Thin below 40, Growing from 40, Strong from 70": the band thresholds in words. */
    var bands = dimension.bands;
    return bands.length < 2 ? "" : bands.map(function (band, i) {
      return band.label + (i ? " from " + band.min : " below " + bands[1].min);
    }).join(", ");
  }

  function edgesInWords(quiz) {
    var first = bandEdges(quiz.dimensions[0]);
    var same = quiz.dimensions.every(function (d) { return bandEdges(d) === first; });
    var text = same ? first : quiz.dimensions.filter(bandEdges).map(function (d) { return d.name + ": " + bandEdges(d); }).join("; ");
    return text ? "Dashed lines mark where each band begins (" + text + ")." : "";
  }

  function chart(quiz, rows, previous, room) {
    /* Drawn at the width it will be shown (within limits), so its text stays at reading size. Each
     * bar runs over a track from 0 to 100, crossed by dashed lines where the dimension's bands begin. */
    var width = Math.max(280, Math.min(520, Math.floor(room) || 400)), scale = (width - 76) / 100;
    var rowHeight = previous ? 74 : 60, top = 4, reach = previous ? 54 : 40;
    var height = top + rows.length * rowHeight + 16, id = quiz.id + "-chart";
    var description = rows.map(function (row) {
      return row.dimension.name + " " + row.score + " out of 100, " + row.band.label +
        (typeof row.then === "number" ? ", " + row.then + " last time" : "");
    }).join("; ") + ". " + edgesInWords(quiz);
    var picture = svg("svg", {
      "class": "pb-quiz__chart", viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
      "aria-labelledby": id + "-title", "aria-describedby": id + "-desc"
    }, [
      svg("title", { id: id + "-title" }, ["Your scores out of 100" + (previous ? ", now and last time" : "")]),
      svg("desc", { id: id + "-desc" }, [description])
    ]);
    [0, 100].forEach(function (tick) {
      picture.append(svg("text", { "class": "pb-quiz__axis", x: tick * scale, y: height - 4, "text-anchor": tick ? "middle" : "start" }, [String(tick)]));
    });
    rows.forEach(function (row, i) {
      var y = top + i * rowHeight;
      picture.append(
        svg("text", { "class": "pb-quiz__bar-label", x: 0, y: y + 13 }, [row.dimension.name + ": " + row.band.label]),
        svg("rect", { "class": "pb-quiz__track", x: 0.5, y: y + 18.5, height: 17, width: 100 * scale - 1 }),
        svg("rect", { "class": "pb-quiz__bar", x: 0, y: y + 18, height: 18, width: Math.max(row.score * scale, 1.5) }),
        svg("text", { "class": "pb-quiz__bar-value", x: 100 * scale + 6, y: y + 32 }, [String(row.score)])
      );
      if (typeof row.then === "number") {
        picture.append(
          svg("rect", { "class": "pb-quiz__bar pb-quiz__bar--then", x: 0.75, y: y + 40, height: 10, width: Math.max(row.then * scale, 1.5) }),
          svg("text", { "class": "pb-quiz__bar-then", x: 100 * scale + 6, y: y + 49 }, ["was " + row.then])
        );
      }
      row.dimension.bands.slice(1).forEach(function (band) {
        var x = band.min * scale;
        picture.append(
          svg("line", { "class": "pb-quiz__threshold-halo", x1: x, x2: x, y1: y + 15, y2: y + reach - 1 }),
          svg("line", { "class": "pb-quiz__threshold", x1: x, x2: x, y1: y + 15, y2: y + reach - 1 }),
          svg("text", { "class": "pb-quiz__threshold-value", x: x, y: y + reach + 10, "text-anchor": "middle" }, [String(band.min)])
        );
      });
    });
    return picture;
  }

  function scoreTable(rows, previous) {
    var head = ["Area", "Score", "Band"];
    if (previous) { head.push("Last time", "Change"); }
    return el("table", {}, [
      el("caption", {}, ["Your scores out of 100" + (previous ? ", and your last result, from " + when(previous.date, true) : "")]),
      el("thead", {}, [el("tr", {}, head.map(function (text) { return el("th", { scope: "col" }, [text]); }))]),
      el("tbody", {}, rows.map(function (row) {
        var cells = [el("th", { scope: "row" }, [row.dimension.name]), el("td", {}, [String(row.score)]), el("td", {}, [row.band.label])];
        if (previous) {
          cells.push(el("td", {}, [typeof row.then === "number" ? String(row.then) : "not taken"]), el("td", {}, [change(row.score, row.then)]));
        }
        return el("tr", {}, cells);
      }))
    ]);
  }

  function details(row) {
    var tips = row.band.tips.map(function (tip) {
      return el("li", {}, [el("a", { href: tip.url, "data-pb-address": tip.address }, [tip.title])]);
    });
    var section = el("section", { "class": "pb-quiz__dimension" }, [
      el("h3", {}, [row.dimension.name + ": " + row.band.label + ", " + row.score + " out of 100"]),
      el("p", { "class": "pb-quiz__dimension-about" }, [row.dimension.description]),
      trustedHtml(row.band.html)
    ]);
    if (tips.length) {
      section.append(el("p", { "class": "pb-quiz__tips-intro" }, ["Tips to try next:"]), el("ul", { "class": "pb-quiz__tips" }, tips));
    }
    return section;
  }

  function profile(root, quiz) {
    var form = root.querySelector(".pb-quiz__form");
    var error = root.querySelector(".pb-quiz__error");
    var results = root.querySelector(".pb-quiz__results");
    var body = root.querySelector(".pb-quiz__results-body");
    var box = root.querySelector(".pb-quiz__history");
    var confirmRow = box.querySelector(".pb-quiz__confirm");
    var store = openStore();
    var historyOn = store !== null && readHistory(store, quiz) !== null;
    var session = []; /* this visit's results: the whole history when storage is off */
    var missing = [];

    function entries() {
      var list = historyOn ? readHistory(store, quiz) : null;
      if (list === null) { historyOn = false; return session.slice(); }
      return list;
    }

    function group(item) { return form.elements[quiz.id + "--" + item.id]; }

    function unanswered() {
      return quiz.items.filter(function (item) { return !group(item).value; });
    }

    /* An unanswered statement is marked in words beside it, for assistive technology
     * (aria-invalid, described by that message) and by more than colour (an outline and a sign). */
    function mark(item, on) {
      var li = form.querySelector('[id="' + quiz.id + "--" + item.id + '"]');
      var fieldset = li.querySelector("fieldset"), note = li.querySelector(".pb-quiz__missing");
      var noteId = quiz.id + "--" + item.id + "-missing";
      li.classList.toggle("pb-quiz__item--missing", on);
      if (on && !note) {
        fieldset.insertBefore(el("p", { "class": "pb-quiz__missing", id: noteId }, [
          el("span", { "class": "pb-quiz__sign", "aria-hidden": "true" }, ["!"]), " Choose an answer for this statement."
        ]), fieldset.querySelector(".pb-quiz__options"));
      } else if (!on && note) {
        note.remove();
      }
      [fieldset].concat(Array.prototype.slice.call(group(item))).forEach(function (node) {
        if (on) {
          node.setAttribute("aria-invalid", "true");
          node.setAttribute("aria-describedby", noteId);
        } else {
          node.removeAttribute("aria-invalid");
          node.removeAttribute("aria-describedby");
        }
      });
    }

    function showMissing(focus) {
      quiz.items.forEach(function (item) { mark(item, missing.indexOf(item) >= 0); });
      error.textContent = "";
      if (!missing.length) { error.hidden = true; return; }
      error.append(missing.length === 1 ? "One statement still needs an answer: " : missing.length + " statements still need an answer: ");
      missing.forEach(function (item, n) {
        if (n) { error.append(n === missing.length - 1 ? " and " : ", "); }
        error.append(el("a", { href: "#" + quiz.id + "--" + item.id }, ["number " + (quiz.items.indexOf(item) + 1)]));
      });
      error.append(".");
      error.hidden = false;
      if (focus) {
        announce(root, error.textContent);
        var first = form.querySelector('[id="' + quiz.id + "--" + missing[0].id + '"]');
        first.scrollIntoView({ block: "start" });
        group(missing[0])[0].focus({ preventScroll: true, focusVisible: true });
      }
    }

    function renderHistory(note) {
      var list = entries();
      var table = box.querySelector(".pb-quiz__history-table");
      table.textContent = "";
      box.hidden = !(list.length || note || !historyOn);
      var text = historyOn
        ? (list.length ? "Kept in this browser only, never sent anywhere: " + list.length + (list.length === 1 ? " result." : " results.") : "No saved results.")
        : SANDBOXED
          ? "History is off in this embedded copy: the page around it does not let the quiz store, download or print anything, so your results last only until you leave. Open the quiz in the playbook to keep them."
          : "History is off: this browser is not letting the page store anything here, so your results last only until you leave the page. You can still download them below.";
      box.querySelector(".pb-quiz__history-note").textContent = (note ? note + " " : "") + text;
      if (list.length) {
        table.append(el("table", {}, [
          el("caption", {}, ["Saved results, latest first"]),
          el("thead", {}, [el("tr", {}, [el("th", { scope: "col" }, ["Date"])].concat(quiz.dimensions.map(function (d) {
            return el("th", { scope: "col" }, [d.name]);
          })))]),
          el("tbody", {}, list.slice().reverse().map(function (entry) {
            return el("tr", {}, [el("th", { scope: "row" }, [when(entry.date, true)])].concat(quiz.dimensions.map(function (d) {
              var value = entry.scores[d.id];
              return el("td", {}, [typeof value === "number" ? value + " (" + bandFor(d, value).label + ")" : "not taken"]);
            })));
          }))
        ]));
      }
      box.querySelectorAll("[data-pb-action=json], [data-pb-action=csv]").forEach(function (button) { button.disabled = !list.length; button.hidden = SANDBOXED; });
      box.querySelector("[data-pb-action=clear]").hidden = !(historyOn && list.length);
      confirmRow.hidden = true;
    }

    function showResults(scores, previous, saved) {
      var rows = resultRows(quiz, scores).map(function (row) {
        row.then = previous && typeof previous.scores[row.dimension.id] === "number" ? previous.scores[row.dimension.id] : null;
        return row;
      });
      var edges = edgesInWords(quiz);
      body.textContent = "";
      body.append(
        el("p", { "class": "pb-quiz__summary" }, [headline(rows)]),
        el("div", { "class": "pb-quiz__overview" }, [
          el("figure", { "class": "pb-quiz__figure" }, [
            chart(quiz, rows, previous, root.clientWidth),
            el("figcaption", {}, [(previous
              ? "Solid bars show your scores now; the thinner outlined bars show your last result, from " + when(previous.date) + "."
              : "Each bar shows your score out of 100. The table holds the same figures.") + (edges ? " " + edges : "")])
          ]),
          scoreTable(rows, previous)
        ]),
        el("div", { "class": "pb-quiz__dimensions" }, rows.map(details))
      );
      body.append(el("p", { "class": "pb-quiz__again" }, [
        el("button", { type: "button", "class": "md-button", "data-pb-action": "change" }, ["Change my answers"]), " ",
        el("button", { type: "button", "class": "md-button", "data-pb-action": "restart" }, ["Start again"])
      ].concat(SANDBOXED ? [] : [" ", el("button", { type: "button", "class": "md-button", "data-pb-action": "print" }, ["Print my results"])])));
      form.hidden = true;
      results.hidden = false;
      root.classList.add("pb-quiz--done");
      results.querySelector("h2").focus();
      announce(root, "Your results are ready. " + rows.map(function (row) {
        return row.dimension.name + " " + row.score + " out of 100, " + row.band.label +
          (typeof row.then === "number" ? ", " + change(row.score, row.then) : "");
      }).join(". ") + ". " + saved);
    }

    function submit(event) {
      event.preventDefault();
      missing = unanswered();
      if (missing.length) { showMissing(true); return; }
      showMissing(false);
      var answers = {};
      quiz.items.forEach(function (item) { answers[item.id] = Number(group(item).value); });
      var scores = score(quiz, answers);
      var past = entries();
      var entry = { date: new Date().toISOString(), scores: scores };
      /* Every attempt is a result of its own: a second one in the same visit is added beside the first. */
      var again = session.length > 0;
      session.push(entry);
      if (historyOn && !writeHistory(store, quiz.id, past.concat([entry]))) { historyOn = false; }
      var saved = !historyOn ? "History is off in this browser."
        : again ? "Saved as a new result; your earlier results are kept too."
        : "Saved in this browser.";
      renderHistory(again && historyOn ? "Saved as a new result beside your earlier ones." : "");
      showResults(scores, past[past.length - 1] || null, saved);
    }

    function exportRows() {
      return entries().map(function (entry) {
        var out = { date: entry.date, scores: {}, bands: {} };
        quiz.dimensions.forEach(function (d) {
          var value = entry.scores[d.id];
          if (typeof value === "number") { out.scores[d.id] = value; out.bands[d.id] = bandFor(d, value).label; }
        });
        return out;
      });
    }

    function act(event) {
      var button = event.target.closest("[data-pb-action]");
      if (!button || !root.contains(button)) { return; }
      var action = button.getAttribute("data-pb-action"), file = "networking-playbook-" + quiz.id + "-results";
      if (action === "json") {
        download(file + ".json", "application/json", JSON.stringify({ quiz: quiz.id, title: quiz.title, exported: new Date().toISOString(), results: exportRows() }, null, 2) + "\n");
      } else if (action === "csv") {
        var header = ["date"];
        quiz.dimensions.forEach(function (d) { header.push(d.name + " score", d.name + " band"); });
        var lines = [header].concat(exportRows().map(function (row) {
          var line = [row.date];
          quiz.dimensions.forEach(function (d) { line.push(d.id in row.scores ? row.scores[d.id] : "", row.bands[d.id] || ""); });
          return line;
        }));
        download(file + ".csv", "text/csv", lines.map(function (line) { return line.map(csvCell).join(","); }).join("\r\n") + "\r\n");
      } else if ((action === "clear" || action === "clear-no") && store) {
        window.PlaybookStorage.confirming(action, box, confirmRow);
      } else if (action === "clear-yes") {
        var cleared = writeHistory(store, quiz.id, []);
        if (cleared) { session = []; }
        renderHistory(cleared ? "Your saved results are deleted." : "Your saved results could not be deleted.");
        box.querySelector("h2").focus();
        announce(root, box.querySelector(".pb-quiz__history-note").textContent);
      } else if (action === "change" || action === "restart") {
        if (action === "restart") { form.reset(); missing = []; showMissing(false); }
        results.hidden = true;
        form.hidden = false;
        root.classList.remove("pb-quiz--done");
        form.querySelector("input").focus();
      } else if (action === "print") {
        window.print();
      }
    }

    form.addEventListener("submit", submit);
    /* A sandboxed frame without "allow-forms" (a WordPress embed) blocks a form's submission before
     * any submit event: the button and Enter call the quiz themselves and the browser never submits. */
    form.querySelector("[type=submit]").addEventListener("click", submit);
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.matches("input")) { submit(event); }
    });
    /* Answering a marked statement clears its mark, and the count of those still open. */
    form.addEventListener("change", function (event) {
      if (!missing.length || event.target.type !== "radio") { return; }
      missing = missing.filter(function (item) { return !group(item).value; });
      showMissing(false);
    });
    root.addEventListener("click", act);
    root.querySelector(".pb-quiz__submit").hidden = false;
    renderHistory("");
    box.hidden = !entries().length;
  }

  /* ---- The scenario quiz ---- */

  function sign(right) {
    /* A tick or a cross, drawn (no font needed); the words beside it say the same. */
    return svg("svg", { "class": "pb-quiz__sign-icon", viewBox: "0 0 16 16", width: 16, height: 16, "aria-hidden": "true", focusable: "false" }, [
      svg("path", { d: right ? "M2.5 8.5l3.5 3.5 7.5-8" : "M3.5 3.5l9 9M12.5 3.5l-9 9" })
    ]);
  }

  function scenarios(root, quiz) {
    var form = root.querySelector(".pb-quiz__form");
    var results = root.querySelector(".pb-quiz__results");
    var body = root.querySelector(".pb-quiz__results-body");
    var chosen = {};

    function check(item, scenario) {
      var group = form.elements[quiz.id + "--" + scenario.id];
      var feedback = item.querySelector(".pb-quiz__feedback");
      feedback.textContent = "";
      if (!group.value) {
        feedback.append(el("p", {}, ["Choose an answer first, then check it."]));
        feedback.hidden = false;
        announce(root, "Choose an answer first, then check it.");
        return;
      }
      var answer = group.value, right = answer === scenario.correct;
      chosen[scenario.id] = answer;
      Array.prototype.forEach.call(group, function (input) {
        input.disabled = true;
        var mark = input.value === scenario.correct ? " (the best fit)" : input.value === answer ? " (your answer)" : "";
        if (mark) { input.parentNode.append(el("strong", { "class": "pb-quiz__mark" }, [mark])); }
      });
      /* Right and wrong differ in words and in a sign, as well as in colour. */
      var verdict = right ? "Best fit: you chose " + quiz.answers[answer].name + "."
        : "Not the best fit: you chose " + quiz.answers[answer].name + ". The best fit is " + quiz.answers[scenario.correct].name + ".";
      var explanation = trustedHtml(scenario.feedback[answer]);
      feedback.append(el("p", { "class": "pb-quiz__verdict" }, [sign(right), " ", el("strong", {}, [verdict])]), explanation);
      feedback.classList.toggle("pb-quiz__feedback--wrong", !right);
      feedback.classList.toggle("pb-quiz__feedback--right", right);
      feedback.hidden = false;
      item.querySelector(".pb-quiz__check").hidden = true;
      item.classList.add("pb-quiz__item--checked");
      feedback.focus();
      var done = Object.keys(chosen).length === quiz.scenarios.length;
      announce(root, (verdict + " " + explanation.textContent + (done ? " " + tally() : "")).replace(/\s+/g, " "));
      if (done) { finish(); }
    }

    function tally() {
      var right = quiz.scenarios.filter(function (s) { return chosen[s.id] === s.correct; }).length;
      return "You matched " + right + " of " + quiz.scenarios.length + " stories to the best-fitting answer.";
    }

    function finish() {
      var groups = {};
      quiz.scenarios.forEach(function (s) {
        groups[s.correct] = groups[s.correct] || { right: 0, total: 0 };
        groups[s.correct].total += 1;
        if (chosen[s.id] === s.correct) { groups[s.correct].right += 1; }
      });
      body.textContent = "";
      body.append(el("p", { "class": "pb-quiz__summary" }, [tally()]), el("ul", { "class": "pb-quiz__breakdown" }, Object.keys(groups).map(function (answer) {
        var group = groups[answer];
        return el("li", {}, [
          el("a", { href: quiz.answers[answer].url }, [quiz.answers[answer].name]),
          ": " + group.right + " of " + group.total + (group.right === group.total ? " spotted." : " spotted; its page explains the signs to look for.")
        ]);
      })), el("p", {}, [el("button", { type: "button", "class": "md-button", "data-pb-action": "restart" }, ["Try the stories again"])]));
      results.hidden = false;
      root.classList.add("pb-quiz--done");
    }

    function restart() {
      chosen = {};
      form.reset();
      form.querySelectorAll("input").forEach(function (input) { input.disabled = false; });
      form.querySelectorAll(".pb-quiz__mark").forEach(function (mark) { mark.remove(); });
      form.querySelectorAll(".pb-quiz__feedback").forEach(function (feedback) { feedback.hidden = true; feedback.textContent = ""; });
      form.querySelectorAll(".pb-quiz__check").forEach(function (row) { row.hidden = false; });
      form.querySelectorAll(".pb-quiz__item--checked").forEach(function (item) { item.classList.remove("pb-quiz__item--checked"); });
      results.hidden = true;
      root.classList.remove("pb-quiz--done");
      form.querySelector("input").focus();
    }

    quiz.scenarios.forEach(function (scenario) {
      var item = form.querySelector('[data-pb-scenario="' + scenario.id + '"]');
      item.querySelector(".pb-quiz__check").hidden = false;
      item.querySelector("[data-pb-action=check]").addEventListener("click", function () { check(item, scenario); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.matches("input")) { event.preventDefault(); }
    });
    root.addEventListener("click", function (event) {
      if (event.target.closest("[data-pb-action=restart]")) { restart(); }
    });
  }

  /* ---- Paper: the blank handout, and the scoring key opened for any printed page without results ---- */

  function printHandout(root) {
    /* The print styles turn a quiz marked as a handout into the blank paper version, whatever the
     * reader has answered or saved (playbook.css, "Quizzes on paper"). */
    root.classList.add("pb-quiz--handout");
    window.print();
  }

  function openKeys() {
    document.querySelectorAll(".pb-quiz:is(.pb-quiz--handout, :not(.pb-quiz--done)) > .pb-quiz__key:not([open])").forEach(function (key) {
      key.open = true;
      key.setAttribute("data-pb-print-open", "");
    });
  }

  function afterPrint() {
    document.querySelectorAll("[data-pb-print-open]").forEach(function (key) {
      key.open = false;
      key.removeAttribute("data-pb-print-open");
    });
    document.querySelectorAll(".pb-quiz--handout").forEach(function (root) { root.classList.remove("pb-quiz--handout"); });
  }

  /* ---- Set-up: once per quiz element per page view ---- */

  function init(root) {
    if (root.hasAttribute("data-pb-ready")) { return; }
    var holder = root.querySelector("template.pb-quiz__data"), quiz;
    try {
      quiz = JSON.parse(holder.content.querySelector("script").textContent);
    } catch (error) {
      return;
    }
    root.setAttribute("data-pb-ready", "");
    (quiz.kind === "profile" ? profile : scenarios)(root, quiz);
    var key = root.querySelector(".pb-quiz__key");
    if (key) { key.open = false; }
    var paper = root.querySelector(".pb-quiz__paper");
    if (paper) { paper.hidden = false; }
    root.addEventListener("click", function (event) {
      if (event.target.closest("[data-pb-action=handout]")) { printHandout(root); }
    });
  }

  function setUp() {
    document.querySelectorAll("[data-pb-quiz]").forEach(init);
  }

  window.addEventListener("beforeprint", openKeys);
  window.addEventListener("afterprint", afterPrint);

  window.PlaybookQuiz = { score: score, bandFor: bandFor, roundHalfUp: roundHalfUp, headline: headline, rows: resultRows, history: readHistory, init: setUp };

  /* The playbook loads this script with defer; another page may load it anywhere. */
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
