/* Material for MkDocs' storage helpers and palette restore (MIT licence, from its
 * partials/javascripts/base.html and palette.html), moved into one file so a
 * Content-Security-Policy needs no 'unsafe-inline' and the page makes one request for both.
 * It runs where palette.html is included, right after the palette toggles, so the reader's
 * light/dark choice applies before the content paints; Material's bundle, loaded later, uses
 * the helpers. The site root is two folders above this script, which also holds from a
 * sub-path or from file://. Storage access is wrapped: in sandboxed or third-party iframes
 * merely touching localStorage can throw. */
var __md_scope = new URL("../../", document.currentScript.src),
  __md_hash = function (value) {
    return Array.from(value).reduce(function (hash, char) { return (hash << 5) - hash + char.charCodeAt(0); }, 0);
  },
  __md_get = function (key, storage, scope) {
    try {
      return JSON.parse((storage || localStorage).getItem((scope || __md_scope).pathname + "." + key));
    } catch (error) {
      return null;
    }
  },
  __md_set = function (key, value, storage, scope) {
    try {
      (storage || localStorage).setItem((scope || __md_scope).pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      /* storage is off: the choice lasts for this page only */
    }
  };

(function () {
  var palette = __md_get("__palette");
  if (!palette || !palette.color) { return; }
  if (palette.color.media === "(prefers-color-scheme)") {
    var media = matchMedia("(prefers-color-scheme: light)");
    var input = document.querySelector(media.matches
      ? "[data-md-color-media='(prefers-color-scheme: light)']"
      : "[data-md-color-media='(prefers-color-scheme: dark)']");
    palette.color.media = input.getAttribute("data-md-color-media");
    palette.color.scheme = input.getAttribute("data-md-color-scheme");
    palette.color.primary = input.getAttribute("data-md-color-primary");
    palette.color.accent = input.getAttribute("data-md-color-accent");
  }
  Object.keys(palette.color).forEach(function (key) {
    document.body.setAttribute("data-md-color-" + key, palette.color[key]);
  });
})();
