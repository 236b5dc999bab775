// The report form of a unit: autosave, progress, the unsaved-changes warning.
// - Autosave posts every field to data-autosave-url a few seconds after the last change and every 60
//   seconds while there are unsaved changes; an evidence file is sent as soon as it is chosen (then the
//   file field is emptied and the saved file listed under its item). The server answers the new version
//   (kept in the hidden "version" field) or, when somebody else saved meanwhile, a 409 with a message:
//   autosave then stops so nothing is overwritten.
// - The progress line ("7/12 …") and the "no result yet" marks follow what is typed.
// - Each item's progress follows its percentage as it is typed (100 done, 1–99 in progress, 0 or empty
//   not started) and the other way round (done fills in 100, not started and not applicable empty it,
//   in progress empties a 0 or 100), so nobody opens the drop-downs; the server refuses a pair that
//   still disagrees.
// - Leaving the page with changes not saved yet asks first (data-leave-warning).
// - A button with data-confirm asks before it submits.
(function () {
  "use strict";
  document.querySelectorAll("[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.dataset.confirm)) { event.preventDefault(); return; }
      document.body.dataset.leaving = "1";  // the person chose to replace what is written
    });
  });

  var form = document.querySelector("form[data-autosave-url]");
  if (!form) { return; }
  var status = document.getElementById("autosave-status");
  var version = form.querySelector("input[name='version']");
  var dirty = false, busy = false, stopped = false, leaving = false, timer = null, pendingSubmitter = null;
  var filesWaiting = false;

  function show(text, isError) {
    if (!status) { return; }
    status.textContent = text;
    status.className = "small " + (isError ? "text-danger" : "text-muted");
  }

  // Progress ------------------------------------------------------------------------------------
  var progressLine = document.getElementById("report-progress");
  var progressBar = document.getElementById("report-progress-bar");

  function itemHasResult(fieldset) {
    var text = fieldset.querySelector("textarea[name$='-text']");
    var state = fieldset.querySelector("select[name$='-status']");
    return (text && text.value.trim() !== "") || (state && (state.value === "done" || state.value === "not_applicable"));
  }

  function updateProgress() {
    var items = form.querySelectorAll("fieldset.report-item");
    var done = 0;
    items.forEach(function (fieldset) {
      var has = itemHasResult(fieldset);
      if (has) { done += 1; fieldset.removeAttribute("data-empty"); } else { fieldset.setAttribute("data-empty", ""); }
    });
    if (progressLine) {
      progressLine.textContent = progressLine.dataset.template.replace("%(done)s", done).replace("%(total)s", items.length);
    }
    if (progressBar) {
      progressBar.style.width = (items.length ? Math.round(100 * done / items.length) : 0) + "%";
    }
  }

  // Progress and percentage follow each other ---------------------------------------------------------
  function statusForPercent(text) {
    var percent = parseInt(text, 10);
    if (percent === 100) { return "done"; }
    return percent > 0 && percent < 100 ? "in_progress" : "not_started";
  }

  function itemField(field, selector) {
    var fieldset = field.closest("fieldset.report-item");
    return fieldset ? fieldset.querySelector(selector) : null;
  }

  function followPercent(percentInput) {
    var state = itemField(percentInput, "select[name$='-status']");
    if (!state || (percentInput.value.trim() === "" && state.value === "not_applicable")) { return; }
    state.value = statusForPercent(percentInput.value);
  }

  function followStatus(state) {
    var percentInput = itemField(state, "input[name$='-percent']");
    if (!percentInput) { return; }
    var current = percentInput.value.trim();
    if (state.value === "done") {
      percentInput.value = "100";
    } else if (state.value === "in_progress") {
      if (statusForPercent(current) !== "in_progress") { percentInput.value = ""; }
    } else {
      percentInput.value = "";
    }
  }

  // Saving ---------------------------------------------------------------------------------------
  function listSavedFiles(files) {
    (files || []).forEach(function (file) {
      var list = form.querySelector("[data-evidence-list='" + file.item + "']");
      if (!list) { return; }
      var line = document.createElement("div");
      var link = document.createElement("a");
      link.href = file.url;
      link.textContent = file.name;
      line.appendChild(link);
      line.appendChild(document.createTextNode(" · " + form.dataset.savedFile));
      list.appendChild(line);
    });
  }

  function save() {
    if (!(dirty || filesWaiting) || busy || stopped) { return; }
    busy = true;
    dirty = false;
    var sentFiles = filesWaiting;
    filesWaiting = false;
    var data = new FormData(form);
    if (!sentFiles) {
      form.querySelectorAll("input[type='file']").forEach(function (input) { data.delete(input.name); });
    }
    fetch(form.dataset.autosaveUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: {"X-Requested-With": "XMLHttpRequest"}
    }).then(function (response) {
      return response.json().then(function (body) { return {ok: response.ok, code: response.status, body: body}; });
    }).then(function (result) {
      if (result.ok) {
        version.value = result.body.version;
        show(result.body.message, false);
        if (sentFiles) {
          form.querySelectorAll("input[type='file']").forEach(function (input) { input.value = ""; });
          listSavedFiles(result.body.files);
        }
      } else {
        show(result.body.error, true);
        if (result.code === 409 || result.code === 403) { stopped = true; } else {
          dirty = true;
          filesWaiting = filesWaiting || sentFiles;
        }
      }
    }).catch(function () {
      dirty = true;
      filesWaiting = filesWaiting || sentFiles;
    }).finally(function () {
      busy = false;
      if (pendingSubmitter) {  // the person saved while an autosave was on its way: send it now
        var submitter = pendingSubmitter;
        pendingSubmitter = null;
        form.requestSubmit(submitter);
      }
    });
  }

  function changed(event) {
    if (event.target.matches("input[name$='-percent']")) { followPercent(event.target); }
    if (event.type === "change" && event.target.matches("select[name$='-status']")) { followStatus(event.target); }
    updateProgress();
    if (event.target.type === "file") {
      if (event.type !== "change" || !event.target.files.length) { return; }
      filesWaiting = true;
      clearTimeout(timer);
      save();
      return;
    }
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
    leaving = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (leaving || stopped || document.body.dataset.leaving || !(dirty || busy || filesWaiting)) { return; }
    event.preventDefault();
    event.returnValue = form.dataset.leaveWarning;
  });
  setInterval(save, 60000);
  updateProgress();
})();
