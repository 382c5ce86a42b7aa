/* Filters the tips index by network type, outcome and moment, in the browser: the tips for
 * individuals and the plays for associations alike, so a filtered count matches what the network
 * type and outcome pages list. Without JavaScript every tip is listed. The filter state lives in
 * the URL query (?network=&outcome=&when=) so a filtered list can be linked to. When nothing
 * matches, the page says so and the "Clear the filter" button brings every tip back. */
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("form[data-pb-filter]");
    if (!form || form.dataset.pbReady) { return; }
    var lists = form.getAttribute("data-pb-filter").split(" ").map(function (id) {
      return document.getElementById(id);
    }).filter(Boolean);
    if (!lists.length) { return; }
    form.dataset.pbReady = "1";
    var items = [];
    lists.forEach(function (list) { items = items.concat(Array.prototype.slice.call(list.children)); });
    var status = form.querySelector("[role=status]");
    var clear = form.querySelector(".pb-filter__clear");
    var fields = ["network", "outcome", "when"];
    var params = new URLSearchParams(window.location.search);

    fields.forEach(function (name) {
      var select = form.elements[name];
      var wanted = params.get(name);
      if (select && wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });

    function tips(count) {
      return count === 1 ? "1 tip" : count + " tips";
    }

    function apply(updateUrl) {
      var chosen = fields.filter(function (name) { return form.elements[name].value; });
      var shown = 0;
      var perList = lists.map(function (list) {
        var inList = 0;
        Array.prototype.forEach.call(list.children, function (item) {
          var visible = chosen.every(function (name) {
            return (item.getAttribute("data-" + name) || "").split(" ").indexOf(form.elements[name].value) !== -1;
          });
          item.hidden = !visible;
          if (visible) { inList += 1; }
        });
        var empty = document.querySelector('[data-pb-empty="' + list.id + '"]');
        if (empty) { empty.hidden = inList > 0 || !chosen.length; }
        shown += inList;
        return inList;
      });
      var breakdown = lists.length > 1 && shown
        ? ": " + perList[0] + " for you, " + perList.slice(1).reduce(function (a, b) { return a + b; }, 0) + " for associations"
        : "";
      status.textContent = !chosen.length
        ? "Showing all " + tips(items.length) + "."
        : shown === 0
          ? "No tips match all of these choices. Change one, or clear the filter to see all " + items.length + "."
          : "Showing " + shown + " of " + tips(items.length) + breakdown + ".";
      if (clear) { clear.hidden = !chosen.length; }
      if (updateUrl) {
        var query = new URLSearchParams();
        chosen.forEach(function (name) { query.set(name, form.elements[name].value); });
        var search = query.toString();
        history.replaceState(history.state, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
      }
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    /* The reset button puts every select back to "all"; the button then hides, so focus goes to
     * the first select. */
    form.addEventListener("reset", function () {
      setTimeout(function () {
        apply(true);
        form.elements[fields[0]].focus();
      }, 0);
    });
    form.hidden = false;
    apply(false);
  }

  setUp();  // loaded with defer: the page is parsed
})();
