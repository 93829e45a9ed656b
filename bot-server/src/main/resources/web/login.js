// 问政 staff login: posts the form as JSON; the server sets the session cookie (HttpOnly), and the
// page goes on by role: operators to the console, admins and officers to the admin page (officers
// see their tickets there), moderators to the online interviews. No inline script: the CSP forbids it.
"use strict";

(function () {
  const CONSOLE_ROLES = ["operator"];
  const ADMIN_ROLES = ["admin", "officer"];
  const form = document.getElementById("login-form");
  const error = document.getElementById("login-error");
  const button = document.getElementById("login");

  function showError(text) {
    error.textContent = text;
    error.hidden = false;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    button.disabled = true;
    try {
      const response = await fetch("/api/v1/login", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({
          username: document.getElementById("username").value,
          password: document.getElementById("password").value,
        }),
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        showError((body.error && body.error.message) || "登录失败，请稍后再试");
        return;
      }
      if (ADMIN_ROLES.includes(body.role)) {
        // A link into /admin (the one in an officer's mail: /admin#tickets/WZ-…) survives the
        // login: the browser keeps the fragment through the redirect to this page. Only a
        // section and an id are taken over, so the page cannot be sent anywhere else.
        const fragment = /^#[a-z]+(\/[A-Za-z0-9-]+)?$/.test(window.location.hash) ? window.location.hash : "";
        window.location.assign("/admin" + fragment);
      } else if (CONSOLE_ROLES.includes(body.role)) {
        window.location.assign("/console");
      } else if (body.role === "moderator" || body.role === "officer") {
        window.location.assign("/interviews");
      } else {
        showError("已登录：" + body.displayName + "。您的角色暂无可用页面。");
      }
    } catch (e) {
      showError("网络错误，请稍后再试");
    } finally {
      button.disabled = false;
    }
  });
})();
