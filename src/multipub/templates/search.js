/* multipub: the search page's Pagefind UI, with the strings of the page's UI catalogue.
   ?q=word in the address searches at once. */
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || typeof PagefindUI === "undefined") { return; }
  var ui = new PagefindUI({
    element: "#search",
    baseUrl: box.dataset.baseUrl,
    showImages: false,
    showSubResults: true,
    // search in the page's own thread, as Pagefind did before 1.5: it works wherever
    // WebAssembly does, and a headless browser's virtual time (the tests) sees it finish
    noWorker: true,
    translations: JSON.parse(box.dataset.strings)
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { ui.triggerSearch(query); }
});
