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
    faq_proposal_edited: "修改 FAQ", letter_published: "公开来信", letter_withdrawn: "撤回公开来信",
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
    // A request that never reached the server reads as such, not as the browser's English ("Failed to fetch").
    const response = await fetch(path, { method, headers, body: payload, credentials: "same-origin" })
      .catch(() => { throw new Error("网络连接失败，请检查网络后重试"); });
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

  // Where an action's failure is shown: at the end of the button's form (or of the group of
  // buttons it sits in), where the person is looking; the notice at the top may be out of sight.
  function failureBox(button) {
    const host = button && (button.closest("form") || button.parentElement);
    if (!host) return null;
    let box = Array.from(host.children).find((c) => c.classList.contains("action-error"));
    if (!box) {
      box = el("p", { className: "action-error error", role: "alert" });
      host.append(box);
    }
    return box;
  }

  // Runs an action of a button: disabled meanwhile, a failure shown next to the button (in the
  // notice when there is none); true when it succeeded.
  async function act(button, work) {
    const box = failureBox(button);
    if (box) box.hidden = true;
    if (button) button.disabled = true;
    try {
      await work();
      return true;
    } catch (e) {
      if (box) {
        box.textContent = e.message;
        box.hidden = false;
        box.scrollIntoView({ block: "nearest" });
      } else {
        say(e.message, true);
      }
      return false;
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
    // "#tickets/WZ-20261127-0001" (the link in an officer's mail) opens that ticket.
    const [hashSection, hashItem] = window.location.hash.split("/", 2);
    const wanted = visible.find((s) => "#" + s.id === hashSection) || visible[0];
    sections.forEach((s) => { s.hidden = s !== wanted; });
    links.forEach((a) => {
      if (a.dataset.section === (wanted && wanted.id)) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
    notice.hidden = true;
    if (wanted && loaders[wanted.id]) {
      loaders[wanted.id]()
        .then(() => (wanted.id === "tickets" && hashItem ? showTicket(decodeURIComponent(hashItem)) : null))
        .catch((e) => say(e.message, true));
    }
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

  // Department names by id, from the accounts API (both sections that need them are the administrator's).
  let knownDepartments = null;
  async function departmentNamesById() {
    if (!knownDepartments) {
      const data = await api("GET", API + "/accounts");
      knownDepartments = Object.fromEntries((data.departments || []).map((d) => [d.id, d.name]));
    }
    return knownDepartments;
  }

  loaders.accounts = async function () {
    const data = await api("GET", API + "/accounts");
    const departmentNames = Object.fromEntries((data.departments || []).map((d) => [d.id, d.name]));
    knownDepartments = departmentNames;
    const newDepartment = document.getElementById("new-department");
    newDepartment.replaceChildren(el("option", { value: "", text: "全部部门" }),
      ...(data.departments || []).map((d) => el("option", { value: d.id, text: d.name })));
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
        el("td", { text: a.role === "officer" ? (a.department ? departmentNames[a.department] || a.department : "全部部门") : "" }),
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
      const department = document.getElementById("new-department").value;
      if (department && newRole.value === "officer") request.department = department;
      const r = await api("POST", API + "/accounts", request);
      event.target.reset();
      say("已创建账号 " + r.account.username);
      if (r.password) showPasswordOnce(r.account.username, r.password);
      await loaders.accounts();
    });
  });

  // ------------------------------------------------------------------ 文档

  let polling = null;

  // The totals are 0 until the indexer has listed the documents (or counted the passages to embed).
  function runningText(s) {
    if (s.stage === "semantic") {
      return s.totalDocuments
        ? "正在计算语义向量：" + s.documents + "/" + s.totalDocuments + " 个段落（新计算 " + s.passages
          + " 个，每秒 " + Math.round(s.passagesPerSecond) + " 个，其余取自缓存）"
        : "正在计算语义向量：正在统计段落…";
    }
    return s.totalDocuments
      ? "正在重建索引：已处理 " + s.documents + "/" + s.totalDocuments + " 个文档，" + s.passages
        + " 个段落，每秒 " + Math.round(s.passagesPerSecond) + " 个段落"
      : "正在重建索引：正在读取文档列表…";
  }

  function showReindex(s) {
    const text = {
      IDLE: "",
      RUNNING: runningText(s),
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
  }).then(() => {
    // act enables the button again: while the run goes on (the page polls) it stays disabled.
    event.target.disabled = polling !== null;
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

  function proposalCard(p, names) {
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
      el("p", { text: "#" + p.id + " · 工单 " + p.ticketCode + " · " + (names[p.department] || p.department) + " · "
        + time(p.createdAt) }),
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
    const names = await departmentNamesById();
    list.replaceChildren(...data.proposals.map((p) => proposalCard(p, names)));
    if (!data.proposals.length) list.append(el("p", { className: "empty", text: "没有待审核的 FAQ 建议。" }));
  };

  // ------------------------------------------------------------------ 信件公开

  const PUBLICATION_STATUS = { unpublished: "未公开", published: "已公开", withdrawn: "已撤回" };

  function publicationCard(l) {
    const id = "pub-" + l.code;
    const fields = [["title", "标题", "input"], ["content", "来信内容", "textarea"], ["answer", "答复", "textarea"]];
    const editors = {};
    const rows = fields.map(([name, label, tag]) => {
      const editor = el(tag, { id: id + "-" + name, value: l.masked[name] });
      if (tag === "textarea") editor.rows = name === "title" ? 1 : 6;
      editors[name] = editor;
      return el("div", { className: "publication-row" }, [
        el("div", {}, [el("span", { className: "publication-label", text: label + "（原文）" }),
          el("p", { className: "publication-original", text: l.original[name] })]),
        el("div", {}, [el("label", { htmlFor: editor.id, text: label + "（公开稿）" }), editor]),
      ]);
    });
    const publish = el("button", { type: "button", text: l.status === "published" ? "保存修改" : "公开" });
    const withdraw = el("button", { type: "button", text: "撤回", hidden: l.status !== "published" });
    const facts = l.code + " · " + l.mailboxName + " · " + l.typeName + " · " + l.department + " · 答复于 "
      + time(l.answeredAt) + " · " + PUBLICATION_STATUS[l.status]
      + (l.changedBy ? "（" + l.changedBy + " " + time(l.changedAt) + "）" : "");
    const card = el("article", { className: "proposal publication", "aria-labelledby": id + "-h" }, [
      el("h3", { id: id + "-h", text: l.original.title || l.code }),
      el("p", { className: "publication-facts", text: facts }),
      ...rows,
      el("div", { className: "actions" }, [publish, withdraw]),
    ]);
    publish.addEventListener("click", () => act(publish, async () => {
      const body = {};
      Object.entries(editors).forEach(([k, e]) => { body[k] = e.value; });
      const now = await api("POST", API + "/letters/publication/" + encodeURIComponent(l.code) + "/publish", body);
      card.replaceWith(publicationCard(now));
      say("来信 " + l.code + " 已公开。");
    }));
    withdraw.addEventListener("click", () => act(withdraw, async () => {
      const now = await api("POST", API + "/letters/publication/" + encodeURIComponent(l.code) + "/withdraw", {});
      card.replaceWith(publicationCard(now));
      say("来信 " + l.code + " 已撤回，不再公开显示。");
    }));
    return card;
  }

  loaders.publication = async function () {
    const data = await api("GET", API + "/letters/publication");
    const list = document.getElementById("publication-list");
    list.replaceChildren(...data.letters.map(publicationCard));
    if (!data.letters.length) list.append(el("p", { className: "empty", text: "没有可以公开的来信。" }));
  };

  // ------------------------------------------------------------------ 工单 (officers and admins)

  const STAFF = "/api/v1/staff";
  const TICKET_STATUS = { open: "办理中", correction: "待补正", answered: "已答复", closed: "已关闭" };
  let currentTicket = null;

  // The same names the escalation mail gives the speakers (connectors' NoticeMail).
  const SPEAKERS = { citizen: "市民", bot: "问政机器人", officer: "工作人员" };
  // A bot turn that found nothing is stored empty; the chat showed the citizen 暂时无法确定答案.
  function turnText(m) {
    const text = (m.text || "").trim();
    return text || (m.role === "bot" ? "（暂时无法确定答案）" : "（无内容）");
  }

  function fact(dl, term, value) {
    dl.append(el("dt", { text: term }), el("dd", { text: value == null ? "" : String(value) }));
  }

  // 剩余时间 on the working-day clock, as the server counts it (workingDaysLeft, negative when late).
  function timeLeft(t) {
    if (t.paused) return "期限暂停（待补正）";
    if (t.workingDaysLeft == null) return "—";
    if (t.workingDaysLeft > 0) return "剩 " + t.workingDaysLeft + " 个工作日";
    if (t.workingDaysLeft === 0) return "今日到期";
    return "超期 " + (-t.workingDaysLeft) + " 个工作日";
  }

  function option(value, text) {
    return el("option", { value, text });
  }

  // The department filter keeps its choice while the list is reloaded.
  function fillChoices(id, choices) {
    const select = document.getElementById(id);
    const chosen = select.value;
    select.replaceChildren(option("", "全部"), ...choices.map((d) => option(d.id, d.name)));
    select.value = choices.some((d) => d.id === chosen) ? chosen : "";
  }

  function fillDepartments(departments) {
    fillChoices("ticket-department", departments);
  }

  function ticketQuery() {
    const params = new URLSearchParams();
    [["q", "ticket-search"], ["status", "ticket-status"], ["department", "ticket-department"],
      ["channel", "ticket-channel"], ["type", "ticket-type"], ["mailbox", "ticket-mailbox"], ["overdue", "ticket-overdue"],
      ["assignee", "ticket-assignee"]].forEach(([name, id]) => {
      const v = document.getElementById(id).value.trim();
      if (v) params.set(name, v);
    });
    const text = params.toString();
    return text ? "?" + text : "";
  }

  loaders.tickets = async function () {
    const data = await api("GET", STAFF + "/tickets" + ticketQuery());
    fillDepartments(data.departments || []);
    fillChoices("ticket-mailbox", data.mailboxes || []);
    const body = document.querySelector("#tickets-table tbody");
    body.replaceChildren(...data.tickets.map((t) => {
      const open = el("button", { type: "button", className: "secondary", text: "办理",
        "aria-label": "办理 " + t.code });
      open.addEventListener("click", () => act(open, () => showTicket(t.code)));
      // A letter shows its title first; the question cell is its content.
      const question = el("td", {}, t.title ? [el("strong", { className: "ticket-title", text: t.title }), " ",
        t.question] : [t.question]);
      if (t.held) question.append(" ", el("span", { className: "flag held-flag", text: "有待确认的回复" }));
      return el("tr", { dataset: { code: t.code }, className: t.overdue ? "overdue" : "" }, [
        el("td", { text: t.code }), question, el("td", { className: "channel", text: t.channelName }),
        el("td", { className: "type", text: t.typeName + (t.mailboxName ? " · " + t.mailboxName : "") }),
        el("td", { className: "department", text: t.departmentName }),
        el("td", { text: t.statusName || TICKET_STATUS[t.status] || t.status }),
        el("td", { className: "time-left", text: timeLeft(t) }),
        el("td", { className: "overdue-flag" }, t.overdue ? [el("span", { className: "flag", text: "已超期" })] : []),
        el("td", { className: "assignee", text: t.assigneeName || "未领取" }), el("td", {}, [open]),
      ]);
    }));
    if (!data.tickets.length) {
      body.append(el("tr", {}, [el("td", { colSpan: 10, text: "没有符合条件的工单。" })]));
    }
  };

  function heldReply(h) {
    const checked = el("input", { type: "checkbox", id: "held-checked-" + h.id });
    const accept = el("button", { type: "button", className: "held-accept", text: "采纳为答复", disabled: true });
    checked.addEventListener("change", () => { accept.disabled = !checked.checked; });
    accept.addEventListener("click", () => ticketAction(accept, "held/" + h.id + "/accept", {}, "已采纳为答复"));
    return el("article", { className: "held-reply", dataset: { id: String(h.id) } }, [
      el("p", { text: "发件人：" + (h.sender || "未知") + " · " + time(h.receivedAt) }),
      el("p", { text: "主题：" + (h.subject || "") }),
      el("pre", { className: "mail-text", text: h.text }),
      el("p", { text: "将记为答复的内容：" }),
      el("pre", { className: "mail-text held-answer", text: h.answer || "（没有新写的内容）" }),
      el("div", { className: "actions" }, [
        el("label", { className: "check", htmlFor: checked.id }, [checked, "我已核对发件人和内容"]), accept]),
    ]);
  }

  // A letter's files: downloads only (the server sends them as attachments, never to be shown inline).
  async function showAttachments(t) {
    const section = document.getElementById("ticket-attachments-section");
    const list = document.getElementById("ticket-attachments");
    list.replaceChildren();
    section.hidden = true;
    if (!t.mailboxName) return;
    const files = await api("GET", STAFF + "/letters/" + encodeURIComponent(t.code) + "/attachments");
    if (currentTicket !== t.code || !files.length) return;
    list.replaceChildren(...files.map((f) => el("li", {}, [
      el("a", { href: f.url, download: f.name, text: f.name }),
      "（" + size(f.bytes) + "，" + time(f.addedAt) + "）",
    ])));
    section.hidden = false;
  }

  function size(bytes) {
    if (bytes < 1024) return bytes + " 字节";
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + " KB";
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  async function showTicket(code) {
    const d = await api("GET", STAFF + "/tickets/" + encodeURIComponent(code));
    const t = d.ticket;
    currentTicket = t.code;
    document.getElementById("ticket-title").textContent = t.code + "：" + t.question;
    const facts = document.getElementById("ticket-facts");
    facts.replaceChildren();
    fact(facts, "类型", t.typeName);
    if (t.mailboxName) fact(facts, "信箱", t.mailboxName);
    if (t.title) fact(facts, "标题", t.title);
    fact(facts, "状态", t.statusName || TICKET_STATUS[t.status] || t.status);
    fact(facts, "部门", t.departmentName);
    fact(facts, "来源", t.channelName);
    fact(facts, "承办人", t.assigneeName || "未领取");
    fact(facts, "创建时间", time(t.createdAt));
    fact(facts, "答复期限", t.deadline + (t.extensionDays ? "（已延期 " + t.extensionDays + " 个工作日）" : ""));
    fact(facts, "剩余时间", timeLeft(t) + (t.overdue ? "（已超期）" : ""));
    fact(facts, "联系方式", [d.contact.email, d.contact.phone].filter((x) => x).join("，") || "未留");
    if (t.answer) fact(facts, "答复", t.answer);
    document.getElementById("ticket-held-list").replaceChildren(...(d.held || []).map(heldReply));
    document.getElementById("ticket-held").hidden = !(d.held || []).length;
    document.getElementById("ticket-conversation").replaceChildren(...d.conversation.map((m) =>
      el("li", { className: "turn " + m.role, text: (SPEAKERS[m.role] || m.role) + "：" + turnText(m) })));
    document.getElementById("ticket-candidates").replaceChildren(...(Array.isArray(d.candidates) ? d.candidates : [])
      .map((c) => el("li", { text: [c.title, c.article, c.snippet || c.text].filter((x) => x).join(" · ") })));
    document.getElementById("ticket-events").replaceChildren(...d.events.map((e) =>
      el("li", { dataset: { kind: e.kind }, text: time(e.at) + " " + e.label + " " + e.by + (e.text ? "：" + e.text : "") })));
    showAttachments(t).catch((e) => say("来信附件暂时无法读取：" + e.message, true));
    document.getElementById("ticket-assign-to").replaceChildren(...(d.assignable || [])
      .filter((a) => a.username !== t.assignee).map((a) => option(a.username, a.displayName + "（" + a.username + "）")));
    document.getElementById("ticket-transfer-department").replaceChildren(option("", "请选择部门"),
      ...(d.transferTo || []).map((x) => option(x.id, x.name)));
    // Only what the server allows for this ticket now (its type's rules, its state) is shown.
    const allowed = new Set(d.actions || []);
    document.querySelectorAll("#ticket-detail [data-action]").forEach((node) => {
      node.hidden = !node.dataset.action.split(" ").some((a) => allowed.has(a));
    });
    if (!document.getElementById("ticket-assign-to").options.length) {
      document.querySelector("#ticket-detail [data-action=assign]").hidden = true;
    }
    document.getElementById("ticket-detail").hidden = false;
    const first = allowed.has("answer") ? document.getElementById("ticket-answer")
      : document.querySelector("#ticket-detail .held-reply input, #ticket-detail [data-action]:not([hidden]) button");
    if (first) first.focus();
  }

  // leaves: the action may take the ticket out of this account's reach (a transfer away from an
  // officer's department); the detail then closes instead of failing to show it again.
  async function ticketAction(button, action, body, done, leaves) {
    if (!currentTicket) return false;
    return act(button, async () => {
      await api("POST", STAFF + "/tickets/" + encodeURIComponent(currentTicket) + "/" + action, body);
      say(done);
      const again = showTicket(currentTicket);
      await (leaves ? again.catch(() => { document.getElementById("ticket-detail").hidden = true; }) : again);
      await loaders.tickets();
    });
  }

  document.getElementById("ticket-filter").addEventListener("submit", (event) => {
    event.preventDefault();
    act(document.getElementById("ticket-refresh"), loaders.tickets);
  });
  document.getElementById("ticket-answer-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const answer = document.getElementById("ticket-answer");
    ticketAction(document.getElementById("ticket-answer-send"), "answer", { answer: answer.value.trim() },
      "答复已提交").then((ok) => { if (ok) answer.value = ""; });
  });
  const note = () => document.getElementById("ticket-note").value.trim() || undefined;
  document.getElementById("ticket-take").addEventListener("click", (e) => ticketAction(e.target, "take", {}, "已领取"));
  document.getElementById("ticket-assign").addEventListener("click", (e) => ticketAction(e.target, "assign",
    { assignee: document.getElementById("ticket-assign-to").value }, "已指派"));
  document.getElementById("ticket-transfer").addEventListener("click", (e) => {
    const select = document.getElementById("ticket-transfer-department");
    const name = select.selectedOptions.length ? select.selectedOptions[0].textContent : "";
    return ticketAction(e.target, "transfer", { department: select.value, reason: note() }, "已转交" + name, true);
  });
  document.getElementById("ticket-extend").addEventListener("click", (e) => ticketAction(e.target, "extend",
    { days: Number(document.getElementById("ticket-extend-days").value), reason: note() }, "已延期"));
  document.getElementById("ticket-correction").addEventListener("click", (e) => ticketAction(e.target,
    "correction", { note: note() }, "已要求补正"));
  document.getElementById("ticket-correction-received").addEventListener("click", (e) => ticketAction(e.target,
    "correction-received", {}, "已记录收到补正"));
  document.getElementById("ticket-close").addEventListener("click", (e) => ticketAction(e.target, "close",
    { note: note() }, "工单已关闭"));

  // ------------------------------------------------------------------ 发件箱

  loaders.outbox = async function () {
    const data = await api("GET", STAFF + "/outbox?status=failed");
    const body = document.querySelector("#outbox-table tbody");
    body.replaceChildren(...data.items.map((o) => {
      const retry = el("button", { type: "button", text: "重新发送" });
      retry.addEventListener("click", () => act(retry, async () => {
        await api("POST", STAFF + "/outbox/" + encodeURIComponent(o.id) + "/retry", {});
        say("已重新发送 " + o.ticket + " 的通知");
        await loaders.outbox();
      }));
      return el("tr", { dataset: { id: o.id } }, [
        el("td", { text: o.ticket }), el("td", { text: o.kind }), el("td", { text: o.connector }),
        el("td", { text: String(o.attempts) }), el("td", { text: o.lastError || "" }),
        el("td", { text: time(o.createdAt) }), el("td", {}, [retry]),
      ]);
    }));
    if (!data.items.length) body.append(el("tr", {}, [el("td", { colSpan: 7, text: "没有发送失败的通知。" })]));
  };

  // ------------------------------------------------------------------ 隔离邮件

  let currentHeld = null;
  const HELD_REASON = { quarantine: "发件人不符", dead_letter: "无法处理" };

  loaders.held = async function () {
    const data = await api("GET", STAFF + "/held?status=pending");
    const body = document.querySelector("#held-table tbody");
    body.replaceChildren(...data.items.map((h) => {
      const open = el("button", { type: "button", className: "secondary", text: "查看" });
      open.addEventListener("click", () => act(open, () => showHeld(h)));
      return el("tr", { dataset: { id: String(h.id) } }, [
        el("td", { text: HELD_REASON[h.reason] || h.reason }), el("td", { text: h.sender || "" }),
        el("td", { text: h.subject || "" }), el("td", { text: h.ticketCode || "" }),
        el("td", { text: time(h.receivedAt) }), el("td", {}, [open]),
      ]);
    }));
    if (!data.items.length) body.append(el("tr", {}, [el("td", { colSpan: 6, text: "没有待处理的隔离邮件。" })]));
    document.getElementById("held-detail").hidden = true;
  };

  async function showHeld(h) {
    const m = await api("GET", STAFF + "/held/" + h.id);
    currentHeld = h.id;
    document.getElementById("held-title").textContent = (m.from || "") + "：" + (m.subject || "");
    document.getElementById("held-text").textContent = m.text || "";
    document.getElementById("held-ticket").value = h.ticketCode || "";
    document.getElementById("held-answer").value = m.answer || "";
    document.getElementById("held-detail").hidden = false;
    document.getElementById("held-ticket").focus();
  }

  document.getElementById("held-release-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act(document.getElementById("held-release"), async () => {
      const answer = document.getElementById("held-answer").value.trim();
      const body = { ticket: document.getElementById("held-ticket").value.trim() };
      if (answer) body.answer = answer;
      await api("POST", STAFF + "/held/" + currentHeld + "/release", body);
      say("已作为 " + body.ticket + " 的答复放行");
      await loaders.held();
    });
  });
  document.getElementById("held-discard").addEventListener("click", (e) => act(e.target, async () => {
    await api("POST", STAFF + "/held/" + currentHeld + "/discard", {});
    say("已丢弃");
    await loaders.held();
  }));

  // ------------------------------------------------------------------ 报表

  const reportFrom = document.getElementById("report-from");
  const reportTo = document.getElementById("report-to");
  const isoDay = (d) => d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-"
    + String(d.getDate()).padStart(2, "0");
  /** [from, to) of a day, month or year around today (the browser's today; the office's zone is Beijing's). */
  function period(kind) {
    const now = new Date();
    const y = now.getFullYear();
    const m = now.getMonth();
    switch (kind) {
      case "day": return [new Date(y, m, now.getDate()), new Date(y, m, now.getDate() + 1)];
      case "last-month": return [new Date(y, m - 1, 1), new Date(y, m, 1)];
      case "year": return [new Date(y, 0, 1), new Date(y + 1, 0, 1)];
      case "last-year": return [new Date(y - 1, 0, 1), new Date(y, 0, 1)];
      default: return [new Date(y, m, 1), new Date(y, m + 1, 1)];
    }
  }
  function setPeriod(kind) {
    const [from, to] = period(kind);
    reportFrom.value = isoDay(from);
    reportTo.value = isoDay(to);
  }
  setPeriod("month");
  document.querySelectorAll("[data-report-period]").forEach((b) => b.addEventListener("click", () => {
    setPeriod(b.dataset.reportPeriod);
    act(b, loaders.reports);
  }));

  function table(headers, rows) {
    return el("div", { className: "table-wrap" }, [el("table", {}, [
      el("thead", {}, [el("tr", {}, headers.map((h) => el("th", { text: h })))]),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => el("td", { text: c == null ? "—" : String(c) }))))),
    ])]);
  }

  loaders.reports = async function () {
    const query = "?from=" + encodeURIComponent(reportFrom.value) + "&to=" + encodeURIComponent(reportTo.value);
    document.getElementById("report-csv").href = "/api/v1/admin/reports" + query + "&format=csv";
    document.getElementById("report-xlsx").href = "/api/v1/admin/reports" + query + "&format=xlsx";
    const r = await api("GET", "/api/v1/admin/reports" + query);
    const q = r.questions;
    const t = r.tickets;
    const d = r.disclosure;
    const h = r.hotline;
    const iv = r.interviews;
    const l = r.letters;
    const typeNames = l.byType.map((x) => x.typeName);
    const byType = (list) => list.map((x) => x.count);
    document.getElementById("report").replaceChildren(
      el("p", { text: "统计期间：" + r.period.from + " 至 " + r.period.lastDay + "（"
        + (r.period.timeZone === "Asia/Shanghai" ? "北京时间" : r.period.timeZone) + "）" }),
      el("h3", { text: "市民提问（网站、接口等）" }),
      table(["渠道", "提问", "机器人当场答复", "未当场答复", "转人工办理（工单）"],
        [["合计", q.total, q.answeredByBot, q.notAnsweredByBot, q.handedToStaff]].concat(q.byChannel.map((c) =>
          [c.channelName, c.questions, c.answeredByBot, c.notAnsweredByBot, c.handedToStaff]))),
      el("h3", { text: "热线电话" }),
      table(["来电", "通话中答复", "转办工单", "未记录答复或转办", "已回访（工单已答复）", "待回访", "未显示号码"],
        [[h.calls, h.answeredOnCall, h.escalated, h.notLogged, h.callBacksDone, h.callBacksPending, h.withoutNumber]]),
      h.byDepartment.length ? table(["转办部门", "转办工单"], h.byDepartment.map((x) => [x.departmentName, x.count]))
        : el("p", { className: "note", text: "本期没有转办的来电。" }),
      el("h3", { text: "在线访谈" }),
      table(["访谈", "提问人次", "问题（合并后）", "嘉宾现场答复", "机器人现场答复", "会后答复", "待答复", "未采用",
        "会后答复用时中位数（工作日）"],
        [["合计", iv.askers, iv.questions, iv.answeredByGuests, iv.answeredByBot, iv.answeredAfterEvent,
          iv.awaitingAnswer, iv.rejected, iv.medianWorkingDaysToLaterAnswer]].concat(iv.byInterview.map((x) =>
          [x.title + "（" + x.startsOn + "）", x.askers, x.questions, x.answeredByGuests, x.answeredByBot,
            x.answeredAfterEvent, x.awaitingAnswer, x.rejected, x.medianWorkingDaysToLaterAnswer]))),
      el("h3", { text: "来信" }),
      table(["信箱", "收信", "已答复"].concat(typeNames),
        [["合计", l.received, l.answered].concat(byType(l.byType))].concat(l.byMailbox.map((m) =>
          [m.mailboxName, m.received, m.answered].concat(byType(m.byType))))),
      el("h3", { text: "工单" }),
      table(["部门", "新建", "答复", "按期答复", "逾期答复", "未办结", "其中已逾期", "答复用时中位数（工作日）"],
        [["合计", t.created, t.answered, t.answeredOnTime, t.answeredLate, t.open, t.openOverdue,
          t.medianWorkingDaysToAnswer]].concat(t.byDepartment.map((x) => [x.departmentName, x.created, x.answered,
          x.answeredOnTime, x.answeredLate, x.open, x.openOverdue, x.medianWorkingDaysToAnswer]))),
      el("h3", { text: "依申请公开（年度报告表三）" }),
      table(["一 本年新收", "二 上年结转", "三（七）总计", "四 结转下年度", "平衡校验"],
        [[d.newlyReceived, d.carriedOver, d.resolved, d.carriedForward, d.balanced ? "一+二=三（七）+四" : "不平衡"]]),
      el("p", { className: "note", text: "暂无数据的行列：" + d.notAvailable.join("；") }),
      el("h3", { text: "暂无数据" }),
      table(["项目", "原因"], r.notAvailable.map((n) => [n.figure, n.reason])));
  };

  document.getElementById("report-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act(document.getElementById("report-load"), loaders.reports);
  });

  show();
})();
