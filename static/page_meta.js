/* Keeps the html element's lang attribute and document.title on the values of the current view, given as
 * data-lang and data-title by components/page_meta.py; Streamlit sets lang="en" and rewrites the title. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) { return; }
  window.__minatoMeta = { lang: me.getAttribute("data-lang"), title: me.getAttribute("data-title") };
  function apply() {
    var want = window.__minatoMeta;
    var root = document.documentElement;
    if (root.getAttribute("lang") !== want.lang) { root.setAttribute("lang", want.lang); }
    if (document.title !== want.title) { document.title = want.title; }
    /* The main area is reachable by the skip link; as a tab stop of its own it only delays the controls. */
    var main = document.getElementById("stMain");
    if (main && main.getAttribute("tabindex") === "0") { main.setAttribute("tabindex", "-1"); }
  }
  apply();
  if (!window.__minatoMetaObserver) {
    window.__minatoMetaObserver = new MutationObserver(apply);
    window.__minatoMetaObserver.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
    window.__minatoMetaObserver.observe(document.head, { childList: true, subtree: true, characterData: true });
  }
}());
