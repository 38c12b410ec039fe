// The dossier: hovering a claim's quote lights up its marks in the document text.
// Only classes change; no text is ever written into the page as HTML.
(function () {
  "use strict";
  function marksOf(number) {
    return Array.prototype.filter.call(document.querySelectorAll("mark[data-claims]"), function (mark) {
      return mark.dataset.claims.split(" ").indexOf(number) >= 0;
    });
  }
  document.querySelectorAll("a.quote").forEach(function (link) {
    var number = (link.getAttribute("href") || "").replace("#claim-", "");
    link.addEventListener("mouseenter", function () {
      marksOf(number).forEach(function (m) { m.classList.add("active"); });
    });
    link.addEventListener("mouseleave", function () {
      marksOf(number).forEach(function (m) { m.classList.remove("active"); });
    });
    link.addEventListener("click", function () {
      document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
      marksOf(number).forEach(function (m) { m.classList.add("active"); });
    });
  });
})();
