/* Material for MkDocs' storage helpers (MIT licence, from its partials/javascripts/base.html),
 * moved to a file so a Content-Security-Policy needs no 'unsafe-inline'. The site root is two
 * folders above this script, which also holds from a sub-path or from file://. Storage access
 * is wrapped: in sandboxed or third-party iframes merely touching localStorage can throw. */
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
