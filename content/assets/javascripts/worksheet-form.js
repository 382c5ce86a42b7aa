/* Worksheet web forms keep what the reader types, in this browser only.
 * Everything stays in localStorage under networking-playbook.worksheet.<id> (storage.js guards
 * every access): nothing is sent anywhere, and the page says so. What is stored is read back as untrusted input (another
 * script on the origin, an old version or a curious reader may have left anything there): only
 * text for a text field of this worksheet and `true` for one of its tick boxes is restored, the
 * rest is ignored. Where storage is blocked (private windows, sandboxed or third-party frames)
 * the form still works and the page says that nothing is kept. */
(function () {
  "use strict";

  var PREFIX = "networking-playbook.worksheet.";
  var STORED_CHARS_LIMIT = 200000; /* a stored value longer than this is not one the page wrote */
  var FIELD_CHARS_LIMIT = 5000;
  var SAVE_DELAY = 300;

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && (field.type === "text" || field.type === "checkbox" || field.tagName === "TEXTAREA");
    });
  }

  function read(store, key) {
    var found = window.PlaybookStorage.read(store, key, STORED_CHARS_LIMIT), data = found && found.value;
    return data && typeof data === "object" && data.fields && typeof data.fields === "object" ? data : null;
  }

  function restore(form, data) {
    var restored = 0;
    fields(form).forEach(function (field) {
      if (!Object.prototype.hasOwnProperty.call(data.fields, field.name)) { return; }
      var value = data.fields[field.name];
      if (field.type === "checkbox") {
        if (value === true) { field.checked = true; restored += 1; }
      } else if (typeof value === "string" && value) {
        field.value = value.slice(0, FIELD_CHARS_LIMIT);
        restored += 1;
      }
    });
    return restored;
  }

  function collect(form) {
    var values = {}, count = 0;
    fields(form).forEach(function (field) {
      if (field.type === "checkbox" ? field.checked : field.value) {
        values[field.name] = field.type === "checkbox" ? true : field.value.slice(0, FIELD_CHARS_LIMIT);
        count += 1;
      }
    });
    return count ? values : null;
  }

  function when(iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? "" : " from " + date.toLocaleString("en-GB", {
      day: "numeric", month: "long", hour: "2-digit", minute: "2-digit"
    });
  }

  function setUp(form) {
    var id = form.getAttribute("data-pb-worksheet");
    var box = document.querySelector('[data-pb-keep="' + id + '"]');
    if (!id || !box || form.hasAttribute("data-pb-ready")) { return; }
    form.setAttribute("data-pb-ready", "");
    var key = PREFIX + id, timer = null;
    var store = window.PlaybookStorage.open();
    var note = box.querySelector(".pb-ws-keep__note"), status = box.querySelector("[role=status]");
    var confirmRow = box.querySelector(".pb-ws-keep__confirm");

    function say(text) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function kept(on) {
      note.textContent = on
        ? "What you type below is kept in this browser only, so it is still here when you come back. Nothing is sent anywhere."
        : "This browser is not letting the page keep anything, so what you type lasts only until you leave the page. Print it, or fill in the PDF and save that. Nothing is sent anywhere.";
    }

    function save() {
      timer = null;
      if (!store) { return; }
      var values = collect(form);
      if (!window.PlaybookStorage.write(store, key, values ? { saved: new Date().toISOString(), fields: values } : null)) {
        store = null; /* full, or refused since the page opened */
        kept(false);
      }
    }

    function later() {
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(save, SAVE_DELAY);
    }

    kept(store !== null);
    var data = store ? read(store, key) : null;
    if (data && restore(form, data)) { say("What you typed here before is back" + when(data.saved) + "."); }
    box.hidden = false;

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", function (event) { event.preventDefault(); }); /* Enter never sends the form */
    window.addEventListener("pagehide", function () { if (timer) { window.clearTimeout(timer); save(); } });
    box.addEventListener("click", function (event) {
      var button = event.target.closest("[data-pb-action]");
      if (!button) { return; }
      var action = button.getAttribute("data-pb-action");
      if (!window.PlaybookStorage.confirming(action, box, confirmRow) && action === "clear-yes") {
        form.reset();
        if (timer) { window.clearTimeout(timer); timer = null; }
        save();
        confirmRow.hidden = true;
        box.querySelector("[data-pb-action=clear]").focus();
        say(store ? "The form is empty, and nothing of it is kept in this browser." : "The form is empty.");
      }
    });
  }

  /* Without storage.js nothing can be kept: the form works as plain HTML, and the box stays hidden. */
  if (window.PlaybookStorage) { document.querySelectorAll("form[data-pb-worksheet]").forEach(setUp); }
})();
