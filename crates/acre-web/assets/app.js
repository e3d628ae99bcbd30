// Send the session's CSRF token with every htmx request (design: CSRF on every state change).
document.addEventListener("htmx:configRequest", function (e) {
  var token = document.body.dataset.csrf;
  if (token) { e.detail.headers["X-CSRF-Token"] = token; }
});

// Forms that destroy something ask first.
document.addEventListener("submit", function (e) {
  var msg = e.target.getAttribute && e.target.getAttribute("data-confirm");
  if (msg && !window.confirm(msg)) { e.preventDefault(); }
}, true);

document.addEventListener("DOMContentLoaded", function () {
  // Column chooser: the ticked columns become the list's `cols` parameter.
  var filter = document.getElementById("list-filter");
  if (filter) {
    filter.addEventListener("submit", function () {
      var cols = Array.prototype.filter.call(document.querySelectorAll(".col-choice"), function (c) { return c.checked; })
        .map(function (c) { return c.value; });
      var field = document.getElementById("cols-field");
      if (field) { field.value = cols.join(","); if (!field.value) { field.disabled = true; } }
    });
  }
  // Select all rows for bulk actions.
  var all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll(".row-check").forEach(function (c) { c.checked = all.checked; });
    });
  }
  // Print buttons.
  // The bulk bar shows what the chosen action needs: a person and a reason
  // for moves, a field and a value for "set", nothing more for delete.
  var action = document.getElementById("bulk-action");
  if (action) {
    var fit = function () {
      var v = action.value;
      document.querySelectorAll(".bulk-move").forEach(function (el) { el.classList.toggle("d-none", v === "set" || v === "delete"); });
      document.querySelectorAll(".bulk-set").forEach(function (el) { el.classList.toggle("d-none", v !== "set"); });
    };
    action.addEventListener("change", fit);
    fit();
  }
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
  setUp(document);
});

// Forms that arrive later (a related record's inline form) get the same behaviour.
document.addEventListener("htmx:load", function (e) { setUp(e.detail.elt); });

// Pickers and kind-dependent sections inside `root`, each set up once.
function setUp(root) {
  if (!root.querySelectorAll) { return; }
  root.querySelectorAll("input.picker").forEach(function (input) {
    if (input.dataset.ready) { return; }
    input.dataset.ready = "1";
    picker(input);
  });
  var forms = root.tagName === "FORM" ? [root] : Array.prototype.slice.call(root.querySelectorAll("form"));
  forms.forEach(variants);
}

// A link or user picker: server-side typeahead into a datalist; the chosen
// title's id goes into the hidden field.
function picker(input) {
  var list = document.getElementById(input.getAttribute("list"));
  var hidden = document.getElementById(input.dataset.target);
  var found = {};
  var timer = null;
  input.addEventListener("input", function () {
    if (found[input.value] !== undefined) { hidden.value = found[input.value]; return; }
    hidden.value = input.value === "" ? "" : hidden.value;
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(input.dataset.pick + "?q=" + encodeURIComponent(input.value), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (items) {
          list.innerHTML = "";
          items.forEach(function (it) {
            found[it.title] = it.id;
            var o = document.createElement("option");
            o.value = it.title;
            list.appendChild(o);
          });
          if (found[input.value] !== undefined) { hidden.value = found[input.value]; }
        });
    }, 200);
  });
  input.addEventListener("change", function () {
    if (found[input.value] !== undefined) { hidden.value = found[input.value]; }
    else if (input.value === "") { hidden.value = ""; }
  });
}

// Sections that fit the record's kind (company or individual customer files):
// switch them as the kind changes; values typed in hidden sections are kept.
function variants(form) {
  var sections = form.querySelectorAll("fieldset[data-variant-field]");
  if (!sections.length || form.dataset.variantsReady) { return; }
  var select = form.querySelector("select[name='" + sections[0].dataset.variantField + "']");
  if (!select) { return; }
  form.dataset.variantsReady = "1";
  select.addEventListener("change", function () {
    sections.forEach(function (s) {
      var opts = s.dataset.variantOptions.split(" ");
      s.classList.toggle("d-none", select.value !== "" && opts.indexOf(select.value) < 0);
    });
  });
}

// Global search box: Escape closes the suggestions.
document.addEventListener("keydown", function (e) {
  if (e.key === "Escape" && e.target && e.target.id === "global-search") {
    var box = document.getElementById("global-search-results");
    if (box) { box.innerHTML = ""; }
  }
});
