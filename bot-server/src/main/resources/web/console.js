// 问政 operator console: search as you type, keyboard first, the call log of the current call,
// and calls popping up as the telephony system reports them (pushed over /ws/console).
// Everything from the server is rendered with textContent and DOM methods: never innerHTML with
// data, so a document or a caller's question cannot inject markup. No inline script (CSP).
"use strict";

(function () {
  const SEARCH_DELAY_MS = 200;
  const SEARCH_LIMIT = 10; // one screen; each "more" adds as many
  const SEARCH_MAX = 50;
  const RECONNECT_MIN_MS = 1000;
  const RECONNECT_MAX_MS = 30000;
  const SOCKET_PATH = "/ws/console";

  const csrf = document.querySelector('meta[name="wz-csrf"]').content;
  const $ = (id) => document.getElementById(id);
  const q = $("q");
  const results = $("results");
  const searchState = $("search-state");
  const grid = document.querySelector(".console-grid");

  let hits = []; // the current results: {text, copyText, documentId, passageId}
  let faq = null; // the confident answer to the current query, when there is one
  let selected = -1; // -1: the FAQ answer when shown, else nothing; 0..: a result
  let searchTimer = 0;
  let searchAbort = null;
  let searchSeq = 0;
  let searchLimit = SEARCH_LIMIT; // hits asked for the current query: grows with "more"
  let lastQuery = "";
  let currentCall = null; // the call whose log is shown

  // ---- helpers -----------------------------------------------------------------------------

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  async function api(method, path, body) {
    const headers = { Accept: "application/json" };
    if (method !== "GET") headers["X-CSRF-Token"] = csrf;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    // A request that never reached the server reads as such, not as the browser's English ("Failed to fetch").
    const response = await fetch(path, {
      method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(offline);
    if (response.status === 401) {
      window.location.assign("/login");
      throw new Error("请先登录");
    }
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error((json.error && json.error.message) || "请求失败（" + response.status + "）");
    }
    return json;
  }

  function time(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return d.toLocaleString("zh-CN", { hour12: false, month: "2-digit", day: "2-digit", hour: "2-digit",
      minute: "2-digit" });
  }

  /** 《title》article（docNumber，issuer，date，status）: the citation as copied and shown. */
  function citationText(h) {
    const meta = [h.docNumber, h.issuer, h.date, h.status].filter((v) => v).join("，");
    return "《" + h.title + "》" + (h.article || "") + (meta ? "（" + meta + "）" : "");
  }

  /** The snippet's text with its highlighted ranges as <mark> elements. */
  function snippetNode(snippet) {
    const p = el("p", "hit-snippet");
    const text = snippet ? snippet.text : "";
    const ranges = snippet && Array.isArray(snippet.highlights) ? snippet.highlights : [];
    let at = 0;
    for (const r of ranges) {
      if (r.start < at || r.end > text.length || r.end <= r.start) continue;
      p.append(document.createTextNode(text.slice(at, r.start)));
      p.append(el("mark", null, text.slice(r.start, r.end)));
      at = r.end;
    }
    p.append(document.createTextNode(text.slice(at)));
    return p;
  }

  // ---- search ------------------------------------------------------------------------------

  function scheduleSearch() {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, SEARCH_DELAY_MS);
  }

  /**
   * Searches the query in the box. {@code more}: the same query, one screen more of results,
   * keeping the selection (the recommended answer is not asked again).
   */
  async function search(more) {
    const query = q.value.trim();
    if (searchAbort) searchAbort.abort();
    const seq = ++searchSeq;
    if (!query) {
      lastQuery = "";
      showResults([], null);
      searchState.textContent = "";
      $("more").hidden = true;
      return;
    }
    const extending = more === true && query === lastQuery;
    searchLimit = extending ? Math.min(searchLimit + SEARCH_LIMIT, SEARCH_MAX) : SEARCH_LIMIT;
    lastQuery = query;
    searchAbort = new AbortController();
    const signal = searchAbort.signal;
    searchState.textContent = "检索中…";
    try {
      const encoded = encodeURIComponent(query);
      const [found, answer] = await Promise.all([
        fetch("/api/v1/search?limit=" + searchLimit + "&q=" + encoded, { signal, credentials: "same-origin" })
          .catch(offline).then(readJson),
        // More of the same query: the recommended answer shown stays.
        extending ? faq
          : fetch("/api/v1/staff/answer?q=" + encoded, { signal, credentials: "same-origin" }).catch(offline).then(readJson)
            .then((a) => (a.answered ? a : null)),
      ]);
      if (seq !== searchSeq) return; // a newer query is on its way
      const keep = selected;
      const list = found.hits || [];
      showResults(list, answer);
      if (extending && keep < hits.length) select(keep);
      $("more").hidden = list.length < searchLimit || searchLimit >= SEARCH_MAX;
      searchState.textContent = list.length ? "共 " + list.length + " 条结果" : "没有找到相关内容，请换个说法。";
    } catch (e) {
      if (e.name === "AbortError" || seq !== searchSeq) return;
      searchState.textContent = "检索失败：" + e.message;
    }
  }

  function showMore() {
    if (!$("more").hidden) search(true);
  }

  /** A fetch that failed before any answer: the network, not the server (an abort stays an abort). */
  function offline(e) {
    if (e && e.name === "AbortError") throw e;
    throw new Error("网络连接失败，请检查网络后重试");
  }

  async function readJson(response) {
    if (response.status === 401) {
      window.location.assign("/login");
      throw new Error("请先登录");
    }
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((json.error && json.error.message) || "请求失败（" + response.status + "）");
    return json;
  }

  function showResults(found, answer) {
    hits = found.map((h) => ({
      text: h.text,
      copyText: (h.text || "") + "\n——" + citationText(h),
      documentId: h.documentId,
      passageId: h.passageId,
      hit: h,
    }));
    faq = answer;
    renderAnswer();
    results.replaceChildren(...hits.map((h, i) => resultNode(h.hit, i)));
    // A listbox without options is no list (axe aria-required-children): out of sight until there are hits.
    results.hidden = hits.length === 0;
    select(faq ? -1 : (hits.length ? 0 : -1));
  }

  function renderAnswer() {
    const box = $("answer");
    if (!faq) {
      box.hidden = true;
      return;
    }
    $("answer-text").textContent = faq.answer;
    $("answer-confidence").textContent = Math.round(faq.confidence * 100) + "%";
    $("answer-citations").replaceChildren(...faq.citations.map((c) => el("li", null, c.display)));
    box.hidden = false;
  }

  function resultNode(h, i) {
    const li = el("li");
    li.id = "hit-" + i;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    const title = el("div", "hit-title", citationText(h));
    if (h.nextTo) {
      // Listed because it stands next to one of the best matches, not for its own words.
      title.append(el("span", "hit-next-to", "紧邻" + h.nextTo));
    }
    li.append(title);
    li.append(snippetNode(h.snippet));
    li.addEventListener("click", () => {
      select(i);
      openDocument();
    });
    return li;
  }

  function select(i) {
    selected = i;
    results.querySelectorAll("li").forEach((li, k) => li.setAttribute("aria-selected", String(k === i)));
    $("answer").setAttribute("aria-selected", String(i === -1 && faq !== null));
    if (i >= 0) {
      const li = $("hit-" + i);
      q.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    } else {
      q.removeAttribute("aria-activedescendant");
    }
  }

  function move(step) {
    const first = faq ? -1 : 0;
    if (!hits.length && !faq) return;
    let next = selected + step;
    if (next < first) next = first;
    if (next > hits.length - 1) {
      // Down from the last result: the next screen, when there is one.
      showMore();
      next = hits.length - 1;
    }
    select(next);
  }

  /** The text of the selected answer with its citation(s): what is copied and logged. */
  function selectedAnswerText() {
    if (selected === -1 && faq) {
      return faq.answer + "\n——" + faq.citations.map((c) => c.display).join("；");
    }
    return selected >= 0 && hits[selected] ? hits[selected].copyText : null;
  }

  // ---- the document panel ------------------------------------------------------------------

  async function openDocument() {
    const h = selected >= 0 ? hits[selected] : (faq && faq.citations[0]) || null;
    if (!h) return;
    try {
      const doc = await api("GET", "/api/v1/documents/" + encodeURIComponent(h.documentId));
      $("doc-title").textContent = doc.title;
      $("doc-meta").textContent = [doc.docNumber, doc.issuer, doc.date, doc.status].filter((v) => v).join("，");
      let current = null;
      $("doc-passages").replaceChildren(...doc.passages.map((p) => {
        const para = el("p");
        para.dataset.passage = p.id;
        if (p.label) para.append(el("span", "passage-label", p.label + " "));
        para.append(document.createTextNode(p.text));
        if (p.id === h.passageId) {
          para.className = "current";
          current = para;
        }
        return para;
      }));
      $("doc").hidden = false;
      grid.classList.add("reading");
      if (current) current.scrollIntoView({ block: "center" });
    } catch (e) {
      searchState.textContent = "打开原文失败：" + e.message;
    }
  }

  function closeDocument() {
    $("doc").hidden = true;
    grid.classList.remove("reading");
  }

  // ---- copying an answer into the clipboard and the call log ---------------------------------

  async function copySelected() {
    const text = selectedAnswerText();
    if (!text) {
      searchState.textContent = "请先选择一条结果。";
      return;
    }
    const copied = await toClipboard(text);
    $("log-answer").value = text;
    if (!$("log-question").value.trim() && q.value.trim()) $("log-question").value = q.value.trim();
    searchState.textContent = copied ? "已复制答复，并填入来电记录。" : "已填入来电记录（浏览器未允许写入剪贴板）。";
    if (currentCall) saveLog();
  }

  async function toClipboard(text) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (e) {
      // Denied or unavailable: the fallback below.
    }
    const area = el("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  // ---- the call and its log ----------------------------------------------------------------

  function showCall(context) {
    const call = context.call;
    currentCall = call;
    $("no-call").hidden = true;
    $("call").hidden = false;
    $("call-caller").textContent = call.caller || "（未显示号码）";
    $("call-extension").textContent = call.extension ? "分机 " + call.extension : "";
    showTimes(call);
    $("log-question").value = call.question || "";
    $("log-answer").value = call.answerGiven || "";
    $("log-notes").value = call.notes || "";
    $("log-state").textContent = "";
    $("call-ticket").textContent = call.ticketCode ? "已转办，工单号 " + call.ticketCode : "";
    $("escalation").hidden = Boolean(call.ticketCode);
    $("esc-phone").value = "";
    $("esc-consent").checked = false;
    $("esc-state").textContent = "";
    const history = $("call-history");
    history.replaceChildren();
    history.append(el("h3", null, "该号码的历史来电（" + context.earlierCalls.length + "）"));
    const calls = el("ul");
    for (const c of context.earlierCalls) {
      calls.append(el("li", null, time(c.startedAt) + " " + c.caller + "：" + (c.question || "（未记录问题）")
        + (c.ticketCode ? "（工单 " + c.ticketCode + "）" : "")));
    }
    if (!context.earlierCalls.length) calls.append(el("li", "muted", "无"));
    history.append(calls);
    history.append(el("h3", null, "未办结的工单（" + context.openTickets.length + "）"));
    const tickets = el("ul");
    for (const t of context.openTickets) {
      tickets.append(el("li", null, t.code + "（" + t.status + "，期限 " + (t.deadline || "—") + "）："
        + (t.question || "")));
    }
    if (!context.openTickets.length) tickets.append(el("li", "muted", "无"));
    history.append(tickets);
    markCurrentInToday();
  }

  function showTimes(call) {
    $("call-times").textContent = (call.startedAt ? "接通 " + time(call.startedAt) : "")
      + (call.endedAt ? "，挂断 " + time(call.endedAt) : "，通话中");
  }

  async function saveLog(event) {
    if (event) event.preventDefault();
    if (!currentCall) return;
    $("log-state").textContent = "保存中…";
    try {
      const saved = await api("POST", "/api/v1/staff/calls/" + currentCall.id, {
        question: $("log-question").value,
        answerGiven: $("log-answer").value,
        notes: $("log-notes").value,
      });
      currentCall = saved;
      $("log-state").textContent = "已保存 " + time(saved.updatedAt || new Date().toISOString());
      loadToday();
    } catch (e) {
      $("log-state").textContent = "保存失败：" + e.message;
    }
  }

  /** Hands the question to the responsible department as a ticket with the callback number. */
  async function escalate() {
    if (!currentCall) return;
    if (!$("esc-consent").checked) {
      $("esc-state").textContent = "请先征得来电人同意留存回访电话。";
      return;
    }
    $("esc-state").textContent = "转办中…";
    try {
      const body = {
        question: $("log-question").value,
        type: $("esc-type").value,
        consent: true,
      };
      if ($("esc-phone").value.trim()) body.callbackPhone = $("esc-phone").value.trim();
      const t = await api("POST", "/api/v1/staff/calls/" + currentCall.id + "/escalate", body);
      currentCall = t.call;
      $("call-ticket").textContent = "已转办，工单号 " + t.code + "，查询码 " + t.pin + "（请告知来电人：凭编号和查询码可在办件查询页或来电查询），承办部门 "
        + t.department + "，办理期限 " + t.deadline;
      $("escalation").hidden = true;
      loadToday();
    } catch (e) {
      $("esc-state").textContent = "转办失败：" + e.message;
    }
  }

  async function openCall(id) {
    try {
      showCall(await api("GET", "/api/v1/staff/calls/" + id));
    } catch (e) {
      $("log-state").textContent = "打开来电失败：" + e.message;
    }
  }

  async function newCall() {
    try {
      showCall(await api("POST", "/api/v1/staff/calls"));
      loadToday();
      $("log-question").focus();
    } catch (e) {
      $("log-state").textContent = "新建失败：" + e.message;
    }
  }

  async function loadToday(openLatestLiveCall) {
    let list;
    try {
      list = await api("GET", "/api/v1/staff/calls");
    } catch (e) {
      return;
    }
    $("today").replaceChildren(...list.calls.map((c) => {
      const li = el("li", null, time(c.startedAt || c.createdAt) + " " + (c.caller || "（未显示号码）") + " "
        + (c.question || "（未记录问题）") + (c.ticketCode ? " · 工单 " + c.ticketCode : "")
        + (c.endedAt ? "" : " · 通话中"));
      li.dataset.call = String(c.id);
      li.tabIndex = 0;
      li.addEventListener("click", () => openCall(c.id));
      li.addEventListener("keydown", (e) => { if (e.key === "Enter") openCall(c.id); });
      return li;
    }));
    markCurrentInToday();
    if (openLatestLiveCall && !currentCall) {
      const live = list.calls.find((c) => c.startedAt && !c.endedAt);
      if (live) openCall(live.id);
    }
  }

  function markCurrentInToday() {
    $("today").querySelectorAll("li").forEach((li) => {
      li.classList.toggle("current", currentCall !== null && li.dataset.call === String(currentCall.id));
    });
  }

  // ---- calls pushed by the server ----------------------------------------------------------

  let socket = null;
  let reconnectDelay = RECONNECT_MIN_MS;

  function setLink(up) {
    const s = $("link-state");
    s.textContent = up ? "来电推送已连接" : "来电推送已断开，正在重连…";
    s.classList.toggle("down", !up);
  }

  function connect() {
    if (!("WebSocket" in window)) {
      setLink(false);
      return;
    }
    socket = new WebSocket((location.protocol === "https:" ? "wss:" : "ws:") + "//" + location.host + SOCKET_PATH);
    socket.addEventListener("open", () => {
      reconnectDelay = RECONNECT_MIN_MS;
      setLink(true);
      loadToday(true); // calls that came in while the link was down
    });
    socket.addEventListener("message", (event) => {
      let m;
      try {
        m = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (m.type === "call_started") {
        showCall(m.call);
        const banner = $("incoming");
        banner.textContent = "新来电：" + (m.call.call.caller || "未显示号码")
          + "（历史来电 " + m.call.earlierCalls.length + " 次，未办结工单 " + m.call.openTickets.length + " 件）";
        banner.hidden = false;
        loadToday();
      } else if (m.type === "call_ended") {
        if (currentCall && currentCall.id === m.call.id) {
          currentCall.endedAt = m.call.endedAt;
          showTimes(currentCall);
          $("incoming").hidden = true;
        }
        loadToday();
      }
    });
    socket.addEventListener("close", () => {
      setLink(false);
      setTimeout(connect, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
    });
  }

  // ---- keyboard ----------------------------------------------------------------------------

  /** Whether keys typed here are text (a call log field), not shortcuts. */
  function typing(target) {
    return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
      || (target instanceof HTMLInputElement && target !== q);
  }

  document.addEventListener("keydown", (e) => {
    if (e.isComposing || e.keyCode === 229) return; // keys that go to the input method, not to the page
    const inSearch = e.target === q;
    const inField = inSearch || typing(e.target);
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      copySelected();
      return;
    }
    // Alt+C and Alt+M work from anywhere, the search box and the call log included, where plain C
    // and M are typed. By the physical key: on a Mac, Option+C gives "ç" as the key.
    if (e.altKey && !e.ctrlKey && !e.metaKey && (e.code === "KeyC" || e.code === "KeyM")) {
      e.preventDefault();
      if (e.code === "KeyC") copySelected();
      else showMore();
      return;
    }
    if (e.key === "Escape") {
      if ($("help").open) return; // the dialog closes itself
      if (!$("doc").hidden) {
        // Esc in a search box clears it by default: the first Esc closes the document only.
        e.preventDefault();
        closeDocument();
        q.focus();
      }
      return;
    }
    if (inSearch) {
      if (e.key === "ArrowDown") {
        e.preventDefault();
        move(1);
      } else if (e.key === "ArrowUp") {
        e.preventDefault();
        move(-1);
      } else if (e.key === "Enter") {
        e.preventDefault();
        openDocument();
      }
      return;
    }
    if (inField || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "/") {
      e.preventDefault();
      q.focus();
      q.select();
    } else if (e.key === "?") {
      e.preventDefault();
      $("help").showModal();
    } else if (e.key === "c" || e.key === "C") {
      e.preventDefault();
      copySelected();
    } else if (e.key === "m" || e.key === "M") {
      e.preventDefault();
      showMore();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter" && (selected >= 0 || faq)) {
      e.preventDefault();
      openDocument();
    }
  });

  // While an input method composes (pinyin: "依申请g" … "依申请gongkai"), the box holds letters
  // that are not the query yet: search once the chosen characters are committed.
  q.addEventListener("input", (e) => {
    if (!e.isComposing) scheduleSearch();
  });
  q.addEventListener("compositionend", scheduleSearch);
  $("more").addEventListener("click", showMore);
  $("copy-answer").addEventListener("click", () => {
    select(-1);
    copySelected();
  });
  $("doc-close").addEventListener("click", closeDocument);
  $("call-log").addEventListener("submit", saveLog);
  $("new-call").addEventListener("click", newCall);
  $("escalate").addEventListener("click", escalate);
  $("show-help").addEventListener("click", () => $("help").showModal());
  $("logout").addEventListener("click", async () => {
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

  loadToday(true);
  connect();
  q.focus();
})();
