// 问政 admin page: sections shown by role and by the address's #hash, each filled from the admin
// API. Everything that came from users or documents is set with textContent, never as HTML; every
// state change sends the session's CSRF token. No inline script: the CSP forbids it.
"use strict";

(function () {
  const CSRF = document.querySelector('meta[name="wz-csrf"]').content;
  const ROLE = document.querySelector('meta[name="wz-role"]').content;
  const API = "/api/v1/admin";
  const ROLES = { operator: "接线员", officer: "承办人员", moderator: "主持人", admin: "管理员" };
  const ACTIONS = {
    login_success: "登录", login_failure: "登录失败", login_rate_limited: "登录过于频繁", logout: "退出登录",
    account_created: "创建账号", account_role_changed: "更改角色", account_disabled: "停用账号",
    account_enabled: "启用账号", account_password_reset: "重置密码", document_uploaded: "上传文档",
    reindex_started: "重建索引", faq_proposal_approved: "批准 FAQ", faq_proposal_rejected: "驳回 FAQ",
    faq_proposal_edited: "修改 FAQ",
  };
  const notice = document.getElementById("notice");

  // ------------------------------------------------------------------ helpers

  function el(tag, props, children) {
    const e = document.createElement(tag);
    Object.entries(props || {}).forEach(([k, v]) => {
      if (k === "text") e.textContent = v;
      else if (k === "dataset") Object.assign(e.dataset, v);
      else if (k in e) e[k] = v;
      else e.setAttribute(k, v);
    });
    (children || []).forEach((c) => e.append(c));
    return e;
  }

  function say(text, isError) {
    notice.textContent = text;
    notice.classList.toggle("error", !!isError);
    notice.hidden = false;
  }

  async function api(method, path, body, contentType) {
    const headers = {};
    if (method !== "GET") headers["X-CSRF-Token"] = CSRF;
    let payload;
    if (body !== undefined) {
      headers["Content-Type"] = contentType || "application/json";
      payload = contentType ? body : JSON.stringify(body);
    }
    const response = await fetch(path, { method, headers, body: payload, credentials: "same-origin" });
    if (response.status === 401) {
      window.location.assign("/login");
      throw new Error("请先登录");
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error((data.error && data.error.message) || "请求失败（" + response.status + "）");
    }
    return data;
  }

  // Runs an action of a button: disabled meanwhile, failures shown in the notice.
  async function act(button, work) {
    if (button) button.disabled = true;
    try {
      await work();
    } catch (e) {
      say(e.message, true);
    } finally {
      if (button) button.disabled = false;
    }
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleString("zh-CN", { hour12: false }) : "";
  }

  function bytes(n) {
    return n >= 1048576 ? (n / 1048576).toFixed(1) + " MB" : n >= 1024 ? (n / 1024).toFixed(1) + " KB" : n + " B";
  }

  function roleSelect(current) {
    const s = el("select", { "aria-label": "角色" });
    Object.entries(ROLES).forEach(([id, name]) => s.append(el("option", { value: id, text: name, selected: id === current })));
    return s;
  }

  // ------------------------------------------------------------------ sections

  const loaders = {};
  const sections = Array.from(document.querySelectorAll(".admin-section"));
  const links = Array.from(document.querySelectorAll(".admin-nav a"));

  function allowed(node) {
    return (node.dataset.roles || "").split(" ").includes(ROLE);
  }

  links.forEach((a) => { a.hidden = !allowed(a); });

  function show() {
    const visible = sections.filter(allowed);
    const wanted = visible.find((s) => "#" + s.id === window.location.hash) || visible[0];
    sections.forEach((s) => { s.hidden = s !== wanted; });
    links.forEach((a) => {
      if (a.dataset.section === (wanted && wanted.id)) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
    notice.hidden = true;
    if (wanted && loaders[wanted.id]) loaders[wanted.id]().catch((e) => say(e.message, true));
  }

  window.addEventListener("hashchange", show);

  document.getElementById("logout").addEventListener("click", () => act(null, async () => {
    await api("POST", "/api/v1/logout", {});
    window.location.assign("/login");
  }));

  // ------------------------------------------------------------------ 账号

  let auditPage = 0;
  const newRole = document.getElementById("new-role");
  Object.entries(ROLES).forEach(([id, name]) => newRole.append(el("option", { value: id, text: name })));

  function showPasswordOnce(username, password) {
    const p = document.getElementById("password-once");
    p.textContent = "账号 " + username + " 的密码（只显示这一次，请立即交给本人）：" + password;
    p.hidden = false;
  }

  loaders.accounts = async function () {
    const data = await api("GET", API + "/accounts");
    const body = document.querySelector("#accounts-table tbody");
    body.replaceChildren(...data.accounts.map((a) => {
      const role = roleSelect(a.role);
      role.addEventListener("change", () => act(role, async () => {
        try {
          await api("POST", API + "/accounts/" + a.id + "/role", { role: role.value });
          say("已将 " + a.username + " 的角色改为 " + ROLES[role.value]);
        } finally {
          await loaders.accounts(); // also puts a refused change back
        }
      }));
      const toggle = el("button", { type: "button", className: "secondary", text: a.disabled ? "启用" : "停用" });
      toggle.addEventListener("click", () => act(toggle, async () => {
        await api("POST", API + "/accounts/" + a.id + "/disabled", { disabled: !a.disabled });
        say((a.disabled ? "已启用 " : "已停用 ") + a.username);
        await loaders.accounts();
      }));
      const reset = el("button", { type: "button", className: "secondary", text: "重置密码" });
      reset.addEventListener("click", () => act(reset, async () => {
        const r = await api("POST", API + "/accounts/" + a.id + "/password", {});
        showPasswordOnce(a.username, r.password);
      }));
      return el("tr", { dataset: { username: a.username } }, [
        el("td", { text: a.username }), el("td", { text: a.displayName }), el("td", {}, [role]),
        el("td", { text: a.disabled ? "已停用" : "正常" }), el("td", { text: time(a.createdAt) }),
        el("td", {}, [toggle, " ", reset]),
      ]);
    }));
    await loadAudit();
  };

  async function loadAudit() {
    const data = await api("GET", API + "/audit?page=" + auditPage);
    document.querySelector("#audit-table tbody").replaceChildren(...data.entries.map((e) => el("tr", {}, [
      el("td", { text: time(e.at) }), el("td", { text: e.username }), el("td", { text: ACTIONS[e.action] || e.action }),
      el("td", { text: e.detail || "" }), el("td", { text: e.clientIp || "" }),
    ])));
    const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
    document.getElementById("audit-page").textContent = "第 " + (data.page + 1) + " / " + pages + " 页";
    document.getElementById("audit-newer").disabled = data.page === 0;
    document.getElementById("audit-older").disabled = data.page + 1 >= pages;
  }

  document.getElementById("audit-newer").addEventListener("click", () => { auditPage = Math.max(0, auditPage - 1); loadAudit().catch((e) => say(e.message, true)); });
  document.getElementById("audit-older").addEventListener("click", () => { auditPage += 1; loadAudit().catch((e) => say(e.message, true)); });

  document.getElementById("create-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const button = document.getElementById("create-account");
    act(button, async () => {
      const password = document.getElementById("new-password").value;
      const request = {
        username: document.getElementById("new-username").value.trim(),
        displayName: document.getElementById("new-display-name").value.trim(),
        role: newRole.value,
      };
      if (password) request.password = password;
      const r = await api("POST", API + "/accounts", request);
      event.target.reset();
      say("已创建账号 " + r.account.username);
      if (r.password) showPasswordOnce(r.account.username, r.password);
      await loaders.accounts();
    });
  });

  // ------------------------------------------------------------------ 文档

  let polling = null;

  function showReindex(s) {
    const text = {
      IDLE: "",
      RUNNING: "正在重建索引：已处理 " + s.documents + "/" + (s.totalDocuments || "?") + " 个文档，" + s.passages
        + " 个段落，每秒 " + Math.round(s.passagesPerSecond) + " 个段落",
      DONE: "索引已重建并启用：" + s.documents + " 个文档，" + s.passages + " 个段落，用时 "
        + s.elapsedSeconds.toFixed(1) + " 秒",
      FAILED: "重建索引失败（仍使用原索引）：" + (s.error || ""),
    }[s.state];
    document.getElementById("reindex-status").textContent = text;
    document.getElementById("reindex").disabled = s.state === "RUNNING";
    document.getElementById("reindex-problems").replaceChildren(
      ...(s.problems || []).map((p) => el("li", { text: "已跳过：" + p })));
    if (s.state === "RUNNING" && !polling) {
      polling = window.setInterval(() => api("GET", API + "/reindex").then((n) => {
        showReindex(n);
        if (n.state !== "RUNNING") loadDocuments();
      }).catch((e) => say(e.message, true)), 1000);
    } else if (s.state !== "RUNNING" && polling) {
      window.clearInterval(polling);
      polling = null;
    }
  }

  async function loadDocuments() {
    const data = await api("GET", API + "/documents");
    document.getElementById("index-stats").textContent = "当前索引：" + data.index.documents + " 个文档，"
      + data.index.passages + " 个段落，" + data.index.faqEntries + " 条 FAQ";
    document.getElementById("upload-limit").textContent = bytes(data.maxUploadBytes);
    document.querySelector("#uploads-table tbody").replaceChildren(...data.uploads.map((u) => el("tr", {}, [
      el("td", { text: u.name }), el("td", { text: bytes(u.bytes) }), el("td", { text: time(u.modifiedAt) }),
    ])));
  }

  loaders.documents = async function () {
    await loadDocuments();
    showReindex(await api("GET", API + "/reindex"));
  };

  document.getElementById("upload-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const file = document.getElementById("upload-file").files[0];
    if (!file) return;
    act(document.getElementById("upload"), async () => {
      const r = await api("POST", API + "/documents?name=" + encodeURIComponent(file.name), file,
        "application/octet-stream");
      event.target.reset();
      say((r.replaced ? "已替换 " : "已上传 ") + r.name + "。重建索引后即可检索。");
      await loadDocuments();
    });
  });

  document.getElementById("reindex").addEventListener("click", (event) => act(event.target, async () => {
    showReindex(await api("POST", API + "/reindex", {}));
  }));

  // ------------------------------------------------------------------ FAQ 审核

  function citationRow(c) {
    const title = el("input", { value: c.title || "", placeholder: "文件名称", "aria-label": "文件名称" });
    const article = el("input", { value: c.article || "", placeholder: "条款（如 第十条）", "aria-label": "条款" });
    const remove = el("button", { type: "button", className: "secondary", text: "删除" });
    const row = el("div", { className: "citation" }, [title, article, remove]);
    row.citation = c;
    row.read = () => Object.assign({}, c, { title: title.value.trim(), article: article.value.trim() });
    remove.addEventListener("click", () => row.remove());
    return row;
  }

  function proposalCard(p) {
    const question = el("input", { value: p.question, maxLength: 500, className: "question" });
    const alternatives = el("textarea", { value: p.alternatives.join("\n"), className: "alternatives" });
    const answer = el("textarea", { value: p.answer, className: "answer" });
    const citations = el("div", { className: "citations" }, p.citations.filter((c) => c && typeof c === "object").map(citationRow));
    const add = el("button", { type: "button", className: "secondary", text: "添加出处" });
    add.addEventListener("click", () => citations.append(citationRow({})));
    const save = el("button", { type: "button", className: "secondary save", text: "保存修改" });
    const approve = el("button", { type: "button", className: "approve", text: "批准" });
    const reason = el("input", { placeholder: "驳回理由", maxLength: 1000, "aria-label": "驳回理由", className: "reason" });
    const reject = el("button", { type: "button", className: "secondary reject", text: "驳回" });

    const edited = () => ({
      question: question.value.trim(),
      alternatives: alternatives.value.split("\n").map((s) => s.trim()).filter((s) => s),
      answer: answer.value.trim(),
      citations: Array.from(citations.children).map((r) => r.read()).filter((c) => c.title),
    });
    save.addEventListener("click", () => act(save, async () => {
      await api("POST", API + "/faq-proposals/" + p.id, edited());
      say("已保存 FAQ 建议 #" + p.id);
    }));
    approve.addEventListener("click", () => act(approve, async () => {
      await api("POST", API + "/faq-proposals/" + p.id, edited());
      await api("POST", API + "/faq-proposals/" + p.id + "/approve", {});
      say("已批准 FAQ 建议 #" + p.id + "，已立即生效");
      await loaders.faq();
    }));
    reject.addEventListener("click", () => act(reject, async () => {
      if (!reason.value.trim()) {
        reason.focus();
        throw new Error("请填写驳回理由");
      }
      await api("POST", API + "/faq-proposals/" + p.id + "/reject", { reason: reason.value.trim() });
      say("已驳回 FAQ 建议 #" + p.id);
      await loaders.faq();
    }));
    return el("article", { className: "proposal", dataset: { id: String(p.id) } }, [
      el("p", { text: "#" + p.id + " · 工单 " + p.ticketCode + " · " + p.department + " · " + time(p.createdAt) }),
      el("label", {}, ["问题", question]),
      el("label", {}, ["其他问法（每行一个）", alternatives]),
      el("label", {}, ["答复", answer]),
      el("div", {}, [el("span", { text: "出处" }), citations, add]),
      el("div", { className: "actions" }, [save, approve, reason, reject]),
    ]);
  }

  loaders.faq = async function () {
    const data = await api("GET", API + "/faq-proposals?status=pending");
    const list = document.getElementById("proposals");
    list.replaceChildren(...data.proposals.map(proposalCard));
    if (!data.proposals.length) list.append(el("p", { className: "empty", text: "没有待审核的 FAQ 建议。" }));
  };

  show();
})();
