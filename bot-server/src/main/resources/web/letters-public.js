// 问政 信件公开 page: the published letters from GET /api/v1/letters/public, filtered by mailbox,
// type, month and search text, a page at a time. Every text is set with textContent, never as HTML.
"use strict";

(function () {
  const form = document.getElementById("public-filter");
  const list = document.getElementById("public-list");
  const status = document.getElementById("public-status");
  const error = document.getElementById("public-error");
  const prev = document.getElementById("public-prev");
  const next = document.getElementById("public-next");
  const pageText = document.getElementById("public-page");
  let page = 1;
  let choicesFilled = false;

  function el(tag, props, children) {
    const e = document.createElement(tag);
    Object.entries(props || {}).forEach(([k, v]) => {
      if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    });
    (children || []).forEach((c) => e.append(c));
    return e;
  }

  function fill(select, choices) {
    const chosen = select.value;
    choices.forEach((c) => select.append(el("option", { value: c.id, text: c.name })));
    select.value = chosen;
  }

  function letter(l) {
    return el("li", { class: "public-letter" }, [
      el("article", { "aria-labelledby": "letter-" + l.code }, [
        el("h2", { id: "letter-" + l.code, text: l.title }),
        el("p", { class: "track-help", text: l.mailboxName + " · " + l.typeName + " · " + l.department + " "
          + l.answeredOn + " 答复" }),
        el("h3", { text: "来信" }),
        el("p", { class: "public-text", text: l.content }),
        el("h3", { text: "答复（" + l.department + "，" + l.answeredOn + "）" }),
        el("p", { class: "public-text", text: l.answer }),
      ]),
    ]);
  }

  async function load() {
    const params = new URLSearchParams();
    ["q", "mailbox", "type", "month"].forEach((name) => {
      const v = form.elements[name].value.trim();
      if (v) params.set(name, v);
    });
    params.set("page", String(page));
    error.textContent = "";
    status.textContent = "正在查找…";
    let data;
    try {
      const response = await fetch("/api/v1/letters/public?" + params.toString());
      data = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error((data.error && data.error.message) || "查找失败（" + response.status + "）");
    } catch (e) {
      status.textContent = "";
      error.textContent = e.message;
      return;
    }
    if (!choicesFilled) {
      fill(form.elements.mailbox, data.mailboxes);
      fill(form.elements.type, data.types);
      choicesFilled = true;
    }
    list.replaceChildren(...data.letters.map(letter));
    status.textContent = data.total ? "共 " + data.total + " 封公开信件" : "没有找到公开的信件。";
    pageText.textContent = "第 " + data.page + " / " + data.pages + " 页";
    prev.disabled = data.page <= 1;
    next.disabled = data.page >= data.pages;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    page = 1;
    load();
  });
  prev.addEventListener("click", () => { page -= 1; load(); });
  next.addEventListener("click", () => { page += 1; load(); });
  load();
})();
