// 办件查询 (/track): a ticket looked up by its code and the phone number or e-mail address given
// when it was made, or its 查询码. POST keeps the contact out of addresses and access logs.
(function () {
  'use strict';

  const TRACK_URL = '/api/v1/tickets/track';
  const STATUS_LABELS = { open: '办理中', correction: '待补正材料', answered: '已答复', closed: '已办结' };

  const form = document.getElementById('track-form');
  const code = document.getElementById('track-code');
  const contact = document.getElementById('track-contact');
  const error = document.getElementById('track-error');
  const submit = document.getElementById('track-submit');
  const result = document.getElementById('track-result');

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function row(list, label, value, className) {
    list.appendChild(el('dt', null, label));
    list.appendChild(el('dd', className, value));
  }

  /** @param credential what the ticket was opened with ({key} or {contact}), to rate its answer */
  function show(view, credential) {
    const title = el('h2', null, '工单 ');
    title.appendChild(el('span', 'ticket-code', view.code));
    const list = el('dl', 'track-facts');
    if (view.mailboxName) {
      row(list, '信箱', view.mailboxName, 'letter-mailbox');
      row(list, '标题', view.title || '', 'letter-title');
    }
    if (view.typeName) {
      row(list, '类型', view.typeName, 'ticket-type');
    }
    row(list, '办理状态', STATUS_LABELS[view.status] || view.status, 'ticket-status');
    row(list, '承办部门', view.department || '', 'ticket-department');
    row(list, '答复期限', view.deadline || '', 'ticket-deadline');
    if (view.note) {
      row(list, '请补充', view.note, 'ticket-note');
    }
    row(list, '答复', view.answer || '尚未答复，请在答复期限后再来查看。', 'ticket-answer');
    result.replaceChildren(title, list);
    if (view.status === 'answered' && credential && window.WenzhengRating) {
      result.appendChild(window.WenzhengRating.form(view.code, credential));
    }
    result.hidden = false;
    result.focus();
  }

  function fail(message, field) {
    error.textContent = message;
    result.hidden = true;
    result.replaceChildren();
    const target = field === 'contact' ? contact : field === 'code' ? code : null;
    code.removeAttribute('aria-invalid');
    contact.removeAttribute('aria-invalid');
    if (target) {
      target.setAttribute('aria-invalid', 'true');
      target.focus();
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!code.value.trim()) {
      fail('请填写工单编号', 'code');
      return;
    }
    if (!contact.value.trim()) {
      fail('请填写手机号、电子邮箱或查询码', 'contact');
      return;
    }
    submit.disabled = true;
    try {
      const response = await fetch(TRACK_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ code: code.value, contact: contact.value })
      });
      const body = await response.json().catch(() => null);
      if (response.ok && body && body.code) {
        code.removeAttribute('aria-invalid');
        contact.removeAttribute('aria-invalid');
        show(body, { contact: contact.value });
      } else {
        const e = body && body.error;
        fail(e && e.message ? e.message : '暂时无法查询，请稍后再试。', e && e.field);
      }
    } catch (e) {
      fail('网络连接失败，请检查网络后再试。');
    } finally {
      submit.disabled = false;
    }
  });

  // /track#WZ-20260105-0001&key=…: the chat page's link to a new ticket, read with its long key
  // (a fragment never reaches the server's logs); /track#WZ-… only fills the code in.
  async function openLink() {
    const parts = location.hash.slice(1).split('&key=');
    const linked = decodeURIComponent(parts[0] || '');
    if (!/^WZ-\d{8}-\d{4,6}$/.test(linked)) {
      return;
    }
    code.value = linked;
    if (parts.length !== 2 || !/^[A-Za-z0-9_-]{16,128}$/.test(parts[1])) {
      return;
    }
    try {
      const response = await fetch('/api/v1/tickets/' + encodeURIComponent(linked) + '?key='
        + encodeURIComponent(parts[1]), { headers: { Accept: 'application/json' } });
      const body = await response.json().catch(() => null);
      if (response.ok && body && body.code) {
        show(body, { key: parts[1] });
      } else {
        fail('链接已失效，请填写手机号、电子邮箱或查询码查询。');
      }
    } catch (e) {
      fail('网络连接失败，请检查网络后再试。');
    }
  }
  openLink();
  window.addEventListener('hashchange', openLink);
})();
