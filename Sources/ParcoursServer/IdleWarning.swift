/// The few lines of script that warn before a session ends for want of activity: two minutes
/// before, a notice asks whether to stay signed in; at the end, the page is cleared (a record
/// left open on a screen is not left readable). The pages work without it.
enum IdleWarning {
    /// How long before the end the notice shows.
    static let warnBefore = 120

    static let script = """
    (function () {
      "use strict";
      var notice = document.getElementById("idle-warning");
      if (!notice) { return; }
      var idle = Number(notice.getAttribute("data-idle-seconds")) * 1000;
      var before = Number(notice.getAttribute("data-warn-seconds")) * 1000;
      var form = notice.querySelector("form");
      var warnTimer, endTimer;
      function arm() {
        clearTimeout(warnTimer); clearTimeout(endTimer);
        notice.hidden = true;
        warnTimer = setTimeout(warn, idle - before);
        endTimer = setTimeout(end, idle);
      }
      function warn() { notice.hidden = false; notice.querySelector("button").focus(); }
      function end() { window.location.replace("/connexion?fin=1"); }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin" })
          .then(function (answer) { if (answer.ok) { arm(); } else { end(); } }, end);
      });
      arm();
    })();
    """
}
