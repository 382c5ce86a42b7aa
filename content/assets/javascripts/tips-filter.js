/* Filters the tips index by network type, outcome and moment, in the browser.
 * Without JavaScript every tip is listed. The filter state lives in the URL
 * query (?network=&outcome=&when=) so a filtered list can be linked to. */
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("form[data-pb-filter]");
    if (!form || form.dataset.pbReady) { return; }
    var list = document.getElementById(form.getAttribute("data-pb-filter"));
    if (!list) { return; }
    form.dataset.pbReady = "1";
    var items = Array.prototype.slice.call(list.children);
    var status = form.querySelector("[role=status]");
    var fields = ["network", "outcome", "when"];
    var params = new URLSearchParams(window.location.search);

    fields.forEach(function (name) {
      var select = form.elements[name];
      var wanted = params.get(name);
      if (select && wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });

    function apply(updateUrl) {
      var shown = 0;
      items.forEach(function (item) {
        var visible = fields.every(function (name) {
          var value = form.elements[name].value;
          return !value || (item.getAttribute("data-" + name) || "").split(" ").indexOf(value) !== -1;
        });
        item.hidden = !visible;
        if (visible) { shown += 1; }
      });
      status.textContent = shown === items.length
        ? "Showing all " + items.length + " tips."
        : "Showing " + shown + " of " + items.length + " tips.";
      if (updateUrl) {
        var query = new URLSearchParams();
        fields.forEach(function (name) {
          if (form.elements[name].value) { query.set(name, form.elements[name].value); }
        });
        var search = query.toString();
        history.replaceState(history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }

  setUp();  // loaded with defer: the page is parsed
})();
