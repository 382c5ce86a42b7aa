/* Stored state in the browser, in one place for the scripts that keep some (quiz.js keeps quiz
 * results, worksheet-form.js what is typed into worksheets). Every access is guarded: in sandboxed
 * or third-party frames, and some private windows, merely touching localStorage throws, and then
 * the page says nothing is kept. What comes back is untrusted input: a value too long to be one
 * the site wrote, or one that is not JSON, counts as nothing stored, and each script then checks
 * the shape it expects before using any of it. */
window.PlaybookStorage = (function () {
  "use strict";

  /* localStorage if this page may use it, else null. */
  function open() {
    try {
      var store = window.localStorage, probe = "networking-playbook.probe";
      store.setItem(probe, "1");
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null;
    }
  }

  /* { value: the parsed JSON, or undefined when nothing usable is stored }, or null when the
   * browser refuses to answer. */
  function read(store, key, limit) {
    var text;
    try {
      text = store.getItem(key);
    } catch (error) {
      return null;
    }
    if (typeof text !== "string" || text.length > limit) { return { value: undefined }; }
    try {
      return { value: JSON.parse(text) };
    } catch (error) {
      return { value: undefined };
    }
  }

  /* Store a value as JSON, or remove the key for null; false when the browser refuses. */
  function write(store, key, value) {
    try {
      if (value === null) { store.removeItem(key); } else { store.setItem(key, JSON.stringify(value)); }
      return true;
    } catch (error) {
      return false;
    }
  }

  /* The first two steps of a button that forgets what is kept, after asking: "clear" shows the
   * confirm row and focuses its "yes", "clear-no" puts the row away and focus back. True when it
   * took the action; "clear-yes" is the caller's. */
  function confirming(action, box, row) {
    if (action === "clear" || action === "clear-no") {
      row.hidden = action === "clear-no";
      box.querySelector(action === "clear" ? "[data-pb-action=clear-yes]" : "[data-pb-action=clear]").focus();
      return true;
    }
    return false;
  }

  return { open: open, read: read, write: write, confirming: confirming };
})();
