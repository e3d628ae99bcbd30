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

// The pipeline kanban: drop a card on another stage to move it. The move
// goes through the API, under the same skip rules as the stage form; a
// refusal or an approval request is said above the board.
(function () {
  var board = document.getElementById("kanban");
  if (!board) { return; }
  var dragged = null;
  board.addEventListener("dragstart", function (e) {
    var card = e.target.closest && e.target.closest(".kanban-card");
    if (!card) { return; }
    dragged = card;
    card.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", card.dataset.id);
  });
  board.addEventListener("dragend", function () {
    if (dragged) { dragged.classList.remove("dragging"); }
    board.querySelectorAll(".drop-over").forEach(function (c) { c.classList.remove("drop-over"); });
  });
  board.addEventListener("dragover", function (e) {
    var col = e.target.closest && e.target.closest(".kanban-col");
    if (!col || !dragged) { return; }
    e.preventDefault();
    col.classList.add("drop-over");
  });
  board.addEventListener("dragleave", function (e) {
    var col = e.target.closest && e.target.closest(".kanban-col");
    if (col && !col.contains(e.relatedTarget)) { col.classList.remove("drop-over"); }
  });
  board.addEventListener("drop", function (e) {
    var col = e.target.closest && e.target.closest(".kanban-col");
    if (!col || !dragged) { return; }
    e.preventDefault();
    col.classList.remove("drop-over");
    moveCard(dragged, col);
  });
})();

function moveCard(card, col) {
  var out = document.getElementById("drop-result");
  var from = card.closest(".kanban-col");
  if (from === col) { return; }
  fetch("/api/v1/opportunities/" + card.dataset.id + "/stage", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": document.body.dataset.csrf },
    body: JSON.stringify({ version: Number(card.dataset.version), stage: col.dataset.stage })
  }).then(function (r) {
    return r.json().then(function (body) { return { status: r.status, body: body }; });
  }).then(function (res) {
    out.className = "small mb-2";
    if (res.status === 200) {
      card.dataset.version = res.body.version;
      col.querySelector(".kanban-cards").prepend(card);
      out.textContent = "";
    } else if (res.status === 202) {
      out.classList.add("text-warning");
      out.innerHTML = "";
      var a = document.createElement("a");
      a.href = "/approvals/" + res.body.approval_id;
      a.textContent = board_text("requested");
      out.appendChild(a);
    } else {
      out.classList.add("text-danger");
      out.textContent = (res.body.error && res.body.error.message) || String(res.status);
    }
  });
}

function board_text(key) {
  var board = document.getElementById("kanban");
  return (board && board.dataset[key]) || key;
}
