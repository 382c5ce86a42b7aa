/* Material for MkDocs' storage helpers and light/dark switch (MIT licence, from its
 * partials/javascripts/base.html, palette.html and palette component), moved into one file so a
 * Content-Security-Policy needs no 'unsafe-inline' and the page makes one request for both.
 * It runs where palette.html is included, right after the palette toggles, so the reader's
 * light/dark choice applies before the content paints. The site does not load Material's
 * bundle; the helpers keep Material's names, so pages behave the same if it is ever put back.
 * The site root is two folders above this script, which also holds from a sub-path or from
 * file://. Storage access is wrapped: in sandboxed or third-party iframes merely touching
 * localStorage can throw. What storage holds is untrusted: a value that is not JSON, or a saved
 * scheme that names no option, is removed and the page carries on as if nothing were saved. It also marks the page as scripted (classes pb-js and js on <html>)
 * for styles that apply only when scripts run. */
var __md_scope = new URL("../../", document.currentScript.src),
  __md_hash = function (value) {
    return Array.from(value).reduce(function (hash, char) { return (hash << 5) - hash + char.charCodeAt(0); }, 0);
  },
  __md_get = function (key, storage, scope) {
    var text;
    try {
      text = (storage || localStorage).getItem((scope || __md_scope).pathname + "." + key);
    } catch (error) {
      return null; /* storage is off */
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      __md_drop(key, storage, scope); /* not JSON: whatever wrote it, it is of no use */
      return null;
    }
  },
  __md_set = function (key, value, storage, scope) {
    try {
      (storage || localStorage).setItem((scope || __md_scope).pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      /* storage is off: the choice lasts for this page only */
    }
  },
  __md_drop = function (key, storage, scope) {
    try {
      (storage || localStorage).removeItem((scope || __md_scope).pathname + "." + key);
    } catch (error) {
      /* storage is off: there is nothing to drop */
    }
  };

/* Scripts run: styles that need them (the tips filter, the header's search box, which search.js
 * answers, and Material's "js" layout of the sidebars) apply from the first paint. */
document.documentElement.classList.add("pb-js");
document.documentElement.classList.replace("no-js", "js");

/* The light/dark switch (Material's palette component, redone small). It runs before the
 * content is parsed, so the reader's scheme (their saved choice, else the system's) applies
 * before the first paint, and the page is re-styled only when the reader switches. */
(function () {
  var form = document.querySelector("form[data-pb-palette]");
  var inputs = form ? Array.prototype.slice.call(form.querySelectorAll("input[name=__palette]")) : [];
  if (!inputs.length) { return; }
  var body = document.body;
  var themeColor = addMeta("theme-color");
  var colorScheme = addMeta("color-scheme");

  function addMeta(name) {
    var meta = document.createElement("meta");
    meta.name = name;
    document.head.appendChild(meta);
    return meta;
  }

  /* An option that follows the system ("(prefers-color-scheme)") takes the colours of the option
   * for the system's current scheme. */
  function colourOf(input) {
    var media = input.getAttribute("data-md-color-media");
    var source = input;
    if (media === "(prefers-color-scheme)") {
      var light = matchMedia("(prefers-color-scheme: light)").matches;
      source = form.querySelector("[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']") || input;
    }
    return {
      media: media,
      scheme: source.getAttribute("data-md-color-scheme"),
      primary: source.getAttribute("data-md-color-primary"),
      accent: source.getAttribute("data-md-color-accent")
    };
  }

  function apply(index, switching) {
    var colour = colourOf(inputs[index]);
    inputs[index].checked = true;
    if (switching) { body.setAttribute("data-md-color-switching", ""); }
    Object.keys(colour).forEach(function (key) { body.setAttribute("data-md-color-" + key, colour[key]); });
    inputs.forEach(function (input, i) {
      var toggle = input.nextElementSibling;
      if (toggle instanceof HTMLLabelElement) { toggle.hidden = i !== index; }
    });
    /* Read back in the next frame, when the styles are computed anyway: reading them now, while
     * the page is being parsed, would hold up its first paint. */
    requestAnimationFrame(updateMeta);
    if (switching) {
      __md_set("__palette", { index: index, color: colour });
      requestAnimationFrame(function () { body.removeAttribute("data-md-color-switching"); });
    }
  }

  /* The browser's own colours (address bar, form controls) follow the header and the scheme. */
  function updateMeta() {
    var header = getComputedStyle(document.querySelector(".md-header") || body);
    colorScheme.content = header.colorScheme;
    themeColor.content = "#" + (header.backgroundColor.match(/\d+/g) || []).slice(0, 3).map(function (part) {
      return ("0" + (+part).toString(16)).slice(-2);
    }).join("");
  }

  /* Storage is input like any other: another script, an older version of the site or a reader
   * may have left anything under the key. Only a whole number that names one of the options is
   * used; anything else (a fraction, a negative or huge number, text, broken JSON) is dropped,
   * and the page follows the system's scheme as if nothing had been saved. */
  function savedIndex() {
    var saved = __md_get("__palette");
    var index = saved !== null && typeof saved === "object" ? saved.index : undefined;
    if (Number.isInteger(index) && index >= 0 && index < inputs.length) { return index; }
    __md_drop("__palette"); /* nothing there, or nothing of use: either way, no key is left */
    return -1;
  }

  function systemIndex() {
    var found = inputs.findIndex(function (input) {
      var media = input.getAttribute("data-md-color-media");
      return !!media && matchMedia(media).matches;
    });
    return found === -1 ? 0 : found;
  }

  var current = savedIndex();
  if (current === -1) { current = systemIndex(); }
  apply(current, false);

  form.addEventListener("change", function (event) {
    var chosen = inputs.indexOf(event.target);
    if (chosen !== -1) { current = chosen; apply(chosen, true); }
  });
  /* Enter on the focused switch moves to the next scheme, as in Material. */
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    event.preventDefault();
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
