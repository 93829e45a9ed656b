// 问政 console placeholder: the logout button. The session's CSRF token is in a meta tag of the
// page, which only the logged-in browser receives; it goes back in X-CSRF-Token.
"use strict";

(function () {
  const csrf = document.querySelector('meta[name="wz-csrf"]').content;
  document.getElementById("logout").addEventListener("click", async () => {
    try {
      await fetch("/api/v1/logout", {
        method: "POST",
        headers: { "X-CSRF-Token": csrf },
        credentials: "same-origin",
      });
    } finally {
      window.location.assign("/login");
    }
  });
})();
