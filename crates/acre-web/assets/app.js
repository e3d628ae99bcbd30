// Send the session's CSRF token with every htmx request (design: CSRF on every state change).
document.addEventListener("htmx:configRequest", function (e) {
  var token = document.body.dataset.csrf;
  if (token) { e.detail.headers["X-CSRF-Token"] = token; }
});
