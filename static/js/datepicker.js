/* The date picker of every date field (emulation.forms.DateInput, marked data-datepicker): the field stays
   a text input that shows and accepts dd/mm/yyyy (typed by hand as before); a button next to it opens a
   small month calendar, and picking a day writes dd/mm/yyyy into the field (input and change events fire,
   so autosave and "unsaved changes" see it). No inline script or style (CSP): classes in css/app.css.
   Labels (months, weekdays, buttons) come translated in the field's data-datepicker attribute. */
(function () {
  "use strict";

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function format(date) { return pad(date.getDate()) + "/" + pad(date.getMonth() + 1) + "/" + date.getFullYear(); }

  function parse(value) {
    var match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(value || "");
    var date;
    if (match) {
      date = new Date(+match[3], +match[2] - 1, +match[1]);
    } else if ((match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(value || ""))) {
      date = new Date(+match[1], +match[2] - 1, +match[3]);
    }
    return date && !isNaN(date.getTime()) ? date : null;
  }

  function sameDay(a, b) {
    return a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function calendarIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("fill", "currentColor");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 0a.5.5 0 0 1 .5.5V1h7V.5a.5.5 0 0 1 1 0V1h1A1.5 1.5 0 0 1 15 2.5v12a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 1 14.5v-12A1.5 1.5 0 0 1 2.5 1h1V.5A.5.5 0 0 1 4 0zM2 5v9.5a.5.5 0 0 0 .5.5h11a.5.5 0 0 0 .5-.5V5H2zm2 2h2v2H4V7zm3 0h2v2H7V7zm3 0h2v2h-2V7zm-6 3h2v2H4v-2zm3 0h2v2H7v-2z");
    svg.appendChild(path);
    return svg;
  }

  function enhance(input) {
    if (input.dataset.datepickerReady) { return; }
    input.dataset.datepickerReady = "1";
    var labels = {};
    try { labels = JSON.parse(input.dataset.datepicker || "{}"); } catch (error) { labels = {}; }
    var months = labels.months || [], days = labels.days || [];

    var wrapper = element("div", "input-group datepicker");
    if (input.classList.contains("is-invalid")) { wrapper.classList.add("is-invalid"); }
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    var toggle = element("button", "btn btn-outline-secondary datepicker-toggle");
    toggle.type = "button";
    toggle.setAttribute("aria-label", labels.open || "");
    toggle.setAttribute("title", labels.open || "");
    toggle.setAttribute("aria-haspopup", "dialog");
    toggle.setAttribute("aria-expanded", "false");
    toggle.appendChild(calendarIcon());
    wrapper.appendChild(toggle);

    var popup = null, shown = null;

    function close(focusToggle) {
      if (!popup) { return; }
      popup.remove();
      popup = null;
      toggle.setAttribute("aria-expanded", "false");
      document.removeEventListener("mousedown", outside, true);
      if (focusToggle) { toggle.focus(); }
    }

    function outside(event) {
      if (popup && !wrapper.contains(event.target)) { close(false); }
    }

    function pick(date) {
      input.value = format(date);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      close(false);
      input.focus();
    }

    function render() {
      popup.textContent = "";
      var head = element("div", "datepicker-head");
      var previous = element("button", "btn btn-sm btn-outline-secondary", "‹");
      previous.type = "button";
      previous.setAttribute("aria-label", labels.previous || "");
      previous.dataset.datepickerNav = "-1";
      var title = element("span", "datepicker-title", (months[shown.getMonth()] || shown.getMonth() + 1) + " " + shown.getFullYear());
      title.setAttribute("aria-live", "polite");
      var next = element("button", "btn btn-sm btn-outline-secondary", "›");
      next.type = "button";
      next.setAttribute("aria-label", labels.next || "");
      next.dataset.datepickerNav = "1";
      head.appendChild(previous);
      head.appendChild(title);
      head.appendChild(next);
      popup.appendChild(head);

      var grid = element("table", "datepicker-grid");
      var headRow = element("tr");
      days.forEach(function (day) { headRow.appendChild(element("th", "", day)); });
      var thead = element("thead");
      thead.appendChild(headRow);
      grid.appendChild(thead);
      var body = element("tbody");
      var first = new Date(shown.getFullYear(), shown.getMonth(), 1);
      var offset = (first.getDay() + 6) % 7;  /* weeks start on Monday */
      var count = new Date(shown.getFullYear(), shown.getMonth() + 1, 0).getDate();
      var selected = parse(input.value), today = new Date(), row = element("tr");
      for (var blank = 0; blank < offset; blank++) { row.appendChild(element("td")); }
      for (var day = 1; day <= count; day++) {
        var date = new Date(shown.getFullYear(), shown.getMonth(), day);
        var cell = element("td");
        var button = element("button", "datepicker-day", String(day));
        button.type = "button";
        button.dataset.datepickerDay = format(date);
        button.setAttribute("aria-label", format(date));
        if (sameDay(date, today)) { button.classList.add("today"); }
        if (sameDay(date, selected)) { button.classList.add("selected"); button.setAttribute("aria-pressed", "true"); }
        cell.appendChild(button);
        row.appendChild(cell);
        if ((offset + day) % 7 === 0) { body.appendChild(row); row = element("tr"); }
      }
      if (row.children.length) { body.appendChild(row); }
      grid.appendChild(body);
      popup.appendChild(grid);

      var foot = element("div", "datepicker-foot");
      var todayButton = element("button", "btn btn-sm btn-link", labels.today || "");
      todayButton.type = "button";
      todayButton.dataset.datepickerDay = format(today);
      foot.appendChild(todayButton);
      popup.appendChild(foot);
    }

    function open() {
      var selected = parse(input.value) || new Date();
      shown = new Date(selected.getFullYear(), selected.getMonth(), 1);
      popup = element("div", "datepicker-popup");
      popup.setAttribute("role", "dialog");
      popup.setAttribute("aria-label", labels.open || "");
      popup.addEventListener("click", function (event) {
        var target = event.target.closest("button");
        if (!target) { return; }
        if (target.dataset.datepickerNav) {
          shown = new Date(shown.getFullYear(), shown.getMonth() + Number(target.dataset.datepickerNav), 1);
          render();
          popup.querySelector("[data-datepicker-nav='" + target.dataset.datepickerNav + "']").focus();
        } else if (target.dataset.datepickerDay) {
          pick(parse(target.dataset.datepickerDay));
        }
      });
      popup.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { event.preventDefault(); close(true); }
      });
      render();
      wrapper.appendChild(popup);
      toggle.setAttribute("aria-expanded", "true");
      document.addEventListener("mousedown", outside, true);
      (popup.querySelector(".datepicker-day.selected") || popup.querySelector(".datepicker-day.today") ||
        popup.querySelector(".datepicker-day")).focus();
    }

    toggle.addEventListener("click", function () { if (popup) { close(true); } else { open(); } });
  }

  function scan(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("input[data-datepicker]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { scan(document); });
  } else {
    scan(document);
  }
  document.addEventListener("htmx:load", function (event) { scan(event.target); });
})();
