// The follow-up board: “Chọn tất cả các đơn vị trễ hạn” ticks (or unticks) every remind checkbox of an
// overdue cell on the page. A static file, so that the Content Security Policy needs no inline script.
document.addEventListener("DOMContentLoaded", function () {
  var all = document.querySelector("[data-select-overdue]");
  if (!all) { return; }
  all.addEventListener("change", function () {
    document.querySelectorAll('input[name="cells"][data-state="overdue"]').forEach(function (box) {
      box.checked = all.checked;
    });
  });
});
