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
    const parts = [title, list];
    if (view.attachments && view.attachments.length) {
      parts.push(el('h3', null, '附件'));
      const files = el('ul', 'ticket-attachments');
      view.attachments.forEach((a) => files.appendChild(el('li', null, a.name + '（' + size(a.bytes) + '）')));
      parts.push(files, el('p', 'track-help', '附件只有承办部门能看到，这里不提供下载。'));
    }
    if (view.additions && view.additions.length) {
      parts.push(el('h3', null, '您的补充'));
      const added = el('ol', 'ticket-additions');
      view.additions.forEach((a) => {
        const li = el('li', null, a.text || '（补充了附件）');
        li.appendChild(el('span', 'track-help', ' ' + new Date(a.at).toLocaleString('zh-CN')));
        added.appendChild(li);
      });
      parts.push(added);
    }
    if (view.mailboxName && (view.status === 'open' || view.status === 'correction')) {
      parts.push(view.key ? supplementBox(view) : el('p', 'track-help',
        '如需补充材料，请使用写信后页面给出的“查看办理进度”链接打开本页。'));
    }
    result.replaceChildren(...parts);
    if (view.status === 'answered' && credential && window.WenzhengRating) {
      result.appendChild(window.WenzhengRating.form(view.code, credential));
    }
    result.hidden = false;
    result.focus();
  }

  function size(bytes) {
    return window.LetterFiles ? LetterFiles.size(bytes) : bytes + ' 字节';
  }

  // 补充: text and files added to an open letter, with the letter's key (known from its link).
  function supplementBox(view) {
    const box = el('form', 'track-form letter-supplement');
    box.noValidate = true;
    box.appendChild(el('h3', null, '补充来信'));
    const label = el('label', null, '补充内容');
    label.htmlFor = 'supplement-text';
    const text = el('textarea');
    text.id = 'supplement-text';
    text.rows = 4;
    const filesLabel = el('label', null, '补充附件（选填）');
    filesLabel.htmlFor = 'supplement-files';
    const files = el('input');
    files.id = 'supplement-files';
    files.type = 'file';
    files.multiple = true;
    files.accept = 'image/jpeg,image/png,application/pdf';
    files.setAttribute('aria-describedby', 'supplement-files-help');
    const help = el('p', 'track-help');
    help.id = 'supplement-files-help';
    const chosen = el('ul', 'letter-files');
    const problem = el('p', 'form-error');
    problem.id = 'supplement-error';
    problem.setAttribute('role', 'alert');
    const send = el('button', 'track-submit', '提交补充');
    send.type = 'submit';
    send.id = 'supplement-submit';
    box.append(label, text, filesLabel, files, help, chosen, problem, send);
    let limits = null;
    fetch('/api/v1/letters/form', { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((form) => {
        limits = form && form.limits;
        if (limits) {
          help.textContent = LetterFiles.describe(limits);
          text.maxLength = limits.content;
        }
      })
      .catch(() => { help.textContent = ''; });
    files.addEventListener('change', () => {
      LetterFiles.list(files.files, chosen);
      problem.textContent = (limits && LetterFiles.problem(files.files, limits)) || '';
    });
    box.addEventListener('submit', async (event) => {
      event.preventDefault();
      problem.textContent = '';
      if (!text.value.trim() && !files.files.length) {
        problem.textContent = '请填写补充内容或选择附件。';
        text.focus();
        return;
      }
      const wrong = limits && LetterFiles.problem(files.files, limits);
      if (wrong) {
        problem.textContent = wrong;
        files.focus();
        return;
      }
      send.disabled = true;
      try {
        const body = { key: view.key, text: text.value, attachments: await LetterFiles.encode(files.files) };
        const response = await fetch('/api/v1/letters/' + encodeURIComponent(view.code) + '/additions', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(body)
        });
        const answer = await response.json().catch(() => null);
        if (response.ok) {
          openLink();
        } else {
          const e = answer && answer.error;
          problem.textContent = e && e.message ? e.message : '暂时无法提交补充，请稍后再试。';
        }
      } catch (e) {
        problem.textContent = '网络连接失败，请检查网络后再试。您写的内容还在。';
      } finally {
        send.disabled = false;
      }
    });
    return box;
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
        body.key = parts[1];
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
