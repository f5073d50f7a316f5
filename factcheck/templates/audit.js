/* factcheck audit report: finding filters. The page is complete without this script; it only
   reveals the filter form and hides findings that do not match. It never writes HTML: it reads
   data attributes and textContent and toggles the hidden attribute. */
(function () {
  "use strict";
  document.body.classList.remove("no-js");
  var form = document.getElementById("filters");
  if (!form) { return; }
  var severity = document.getElementById("filter-severity");
  var category = document.getElementById("filter-category");
  var documentSelect = document.getElementById("filter-document");
  var text = document.getElementById("filter-text");
  var status = document.getElementById("filter-status");
  var noMatch = document.getElementById("no-match");
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  if (findings.length === 0) { return; }  // nothing to filter: the form stays hidden
  var haystacks = findings.map(function (item) { return item.textContent.toLowerCase(); });

  function apply() {
    var wantSeverity = severity.value;
    var wantCategory = category.value;
    var wantDocument = documentSelect.value;
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    findings.forEach(function (item, index) {
      var visible = (!wantSeverity || item.getAttribute("data-severity") === wantSeverity) &&
        (!wantCategory || item.getAttribute("data-category") === wantCategory) &&
        (!wantDocument || (" " + item.getAttribute("data-documents") + " ").indexOf(" " + wantDocument + " ") !== -1) &&
        words.every(function (word) { return haystacks[index].indexOf(word) !== -1; });
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    status.textContent = "Showing " + shown + " of " + findings.length + " findings";
    noMatch.hidden = shown !== 0 || findings.length === 0;
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("filter-reset").addEventListener("click", function () {
    severity.value = category.value = documentSelect.value = text.value = "";
    apply();
  });
  form.hidden = false;
  form.querySelector("fieldset").disabled = false;
  apply();
}());
