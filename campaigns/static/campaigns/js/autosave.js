// Autosave of a report draft: posts the form's text fields (never its files) to data-autosave-url
// a few seconds after the last change and every 60 seconds while there are unsaved changes.
// The server answers the new version (kept in the hidden "version" field) or, when somebody else
// saved meanwhile, a 409 with a message: autosave then stops so nothing is overwritten.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form) { return; }
  var status = document.getElementById("autosave-status");
  var version = form.querySelector("input[name='version']");
  var dirty = false, busy = false, stopped = false, timer = null, pendingSubmitter = null;

  function show(text, isError) {
    if (!status) { return; }
    status.textContent = text;
    status.className = "small " + (isError ? "text-danger" : "text-muted");
  }

  function save() {
    if (!dirty || busy || stopped) { return; }
    busy = true;
    dirty = false;
    var data = new FormData(form);
    form.querySelectorAll("input[type='file']").forEach(function (input) { data.delete(input.name); });
    fetch(form.dataset.autosaveUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-Requested-With": "XMLHttpRequest"}
    }).then(function (response) {
      return response.json().then(function (body) { return {ok: response.ok, code: response.status, body: body}; });
    }).then(function (result) {
      if (result.ok) {
        version.value = result.body.version;
        show(result.body.message, false);
      } else {
        show(result.body.error, true);
        if (result.code === 409 || result.code === 403) { stopped = true; } else { dirty = true; }
      }
    }).catch(function () { dirty = true; }).finally(function () {
      busy = false;
      if (pendingSubmitter) {  // the person saved while an autosave was on its way: send it now
        var submitter = pendingSubmitter;
        pendingSubmitter = null;
        form.requestSubmit(submitter);
      }
    });
  }

  function changed(event) {
    if (event.target.type === "file") { return; }
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 3000);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) {
    clearTimeout(timer);
    if (busy) {  // wait for the autosave, whose answer carries the version this save must send
      event.preventDefault();
      pendingSubmitter = event.submitter;
      return;
    }
    stopped = true;
  });
  setInterval(save, 60000);
})();
