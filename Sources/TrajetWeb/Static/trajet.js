// Trajet: small enhancements only; every page works without this file.
// Hovering or focusing an option (table row or card) highlights its legs on the map of its section.
(function () {
  "use strict";
  function highlight(section, number) {
    var map = section.querySelector(".map-svg");
    if (!map) { return; }
    map.classList.toggle("focus", number !== null);
    map.querySelectorAll(".route").forEach(function (route) {
      route.classList.toggle("on", route.getAttribute("data-option") === number);
    });
  }
  document.querySelectorAll("section.direction").forEach(function (section) {
    section.querySelectorAll("table.options tbody tr, article.option").forEach(function (element, index, all) {
      var number = element.id ? element.id.split("-").pop()
        : (element.querySelector("th a") || { textContent: "" }).textContent.replace(/[^0-9]/g, "");
      ["mouseenter", "focusin"].forEach(function (name) {
        element.addEventListener(name, function () { highlight(section, number); });
      });
      ["mouseleave", "focusout"].forEach(function (name) {
        element.addEventListener(name, function () { highlight(section, null); });
      });
    });
  });
})();
