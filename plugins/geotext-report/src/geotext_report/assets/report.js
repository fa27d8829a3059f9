"use strict";
// Opens the card of whatever was selected (a mention, claim evidence, map shape) and
// filters the claims table. Reads only generated keys from data attributes.
(function () {
  var panel = document.getElementById("panel");
  var hint = document.getElementById("panel-hint");

  function select(element) {
    var keys = element.getAttribute("data-card").split(" ");
    var previous = document.querySelectorAll(".card.open, .active");
    for (var i = 0; i < previous.length; i++) {
      previous[i].classList.remove("open", "active");
    }
    element.classList.add("active");
    var first = null;
    keys.forEach(function (key) {
      var card = document.getElementById(key);
      if (card && panel.contains(card)) {
        card.classList.add("open");
        first = first || card;
      }
    });
    if (hint) {
      hint.hidden = first !== null;
    }
    if (first) {
      first.scrollIntoView({block: "nearest"});
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-card]");
    if (target) {
      event.preventDefault();
      select(target);
    }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if ((event.key === "Enter" || event.key === " ") && target.hasAttribute && target.hasAttribute("data-card")) {
      event.preventDefault();
      select(target);
    }
  });

  var actor = document.getElementById("filter-actor");
  var code = document.getElementById("filter-code");
  var count = document.getElementById("claims-count");
  var rows = document.querySelectorAll("#claims-table tbody tr");

  function has(row, name, value) {
    return value === "" || row.getAttribute(name).split(" ").indexOf(value) >= 0;
  }

  function filter() {
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var visible = has(rows[i], "data-actors", actor.value) && has(rows[i], "data-codes", code.value);
      rows[i].hidden = !visible;
      shown += visible ? 1 : 0;
    }
    count.textContent = shown + " of " + rows.length + " claims";
  }

  actor.addEventListener("change", filter);
  code.addEventListener("change", filter);
  filter();
  document.documentElement.setAttribute("data-ready", "1");
})();
