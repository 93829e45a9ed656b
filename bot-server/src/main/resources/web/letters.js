// 写信 (/letters): a letter to one of the office's mailboxes. The form reads what it offers
// (mailboxes, letter types with their answer days, the limits) from the server, so the page and the
// configuration cannot disagree; what the server refuses is shown next to the field it names.
(function () {
  'use strict';

  const form = document.getElementById('letter-form');
  const mailbox = document.getElementById('letter-mailbox');
  const mailboxHelp = document.getElementById('letter-mailbox-help');
  const types = document.getElementById('letter-types');
  const typeHelp = document.getElementById('letter-type-help');
  const title = document.getElementById('letter-title');
  const content = document.getElementById('letter-content');
  const name = document.getElementById('letter-name');
  const nameOptional = document.getElementById('letter-name-optional');
  const nameHelp = document.getElementById('letter-name-help');
  const phone = document.getElementById('letter-phone');
  const email = document.getElementById('letter-email');
  const consent = document.getElementById('letter-consent');
  const publish = document.getElementById('letter-publish');
  const publishRow = document.getElementById('letter-publish-row');
  const error = document.getElementById('letter-error');
  const submit = document.getElementById('letter-submit');
  const result = document.getElementById('letter-result');
  const files = document.getElementById('letter-files');
  const filesHelp = document.getElementById('letter-files-help');
  const filesList = document.getElementById('letter-files-list');
  const FIELDS = { mailbox: mailbox, type: types, title: title, content: content, name: name,
    'contact.phone': phone, 'contact.email': email, 'contact.consent': consent, publish: publish,
    attachments: files };

  let offered = null;

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

  function chosenMailbox() {
    return offered.mailboxes.find((m) => m.id === mailbox.value);
  }

  function chosenType() {
    const checked = types.querySelector('input:checked');
    return offered.types.find((t) => t.id === (checked ? checked.value : ''));
  }

  // What depends on the mailbox and the type: its description, the days, whether a name is
  // needed, whether publication may be asked for.
  function refresh() {
    const m = chosenMailbox();
    const t = chosenType();
    mailboxHelp.textContent = m ? m.description : '';
    typeHelp.textContent = t ? t.name + '类来信在 ' + t.answerDays + ' 个工作日内答复。' : '';
    const needsName = Boolean(t && t.nameRequired);
    name.required = needsName;
    nameOptional.textContent = needsName ? '（必填）' : '（选填）';
    nameHelp.textContent = needsName ? t.name + '类来信请填写真实姓名，以便承办部门联系您核实情况。' : '可以不留姓名。';
    const mayPublish = Boolean(m && m.publish && t && t.publishable);
    publishRow.hidden = !mayPublish;
    if (!mayPublish) {
      publish.checked = false;
    }
  }

  function count(input, limit, target) {
    const n = input.value.trim().length;
    target.textContent = '已写 ' + n + ' / ' + limit + ' 字';
    target.classList.toggle('over', n > limit);
  }

  function fail(message, field) {
    error.textContent = message;
    Object.values(FIELDS).forEach((f) => f.removeAttribute('aria-invalid'));
    const target = FIELDS[field];
    if (target) {
      target.setAttribute('aria-invalid', 'true');
      (target === types ? types.querySelector('input') : target).focus();
    }
  }

  function row(list, label, value, className) {
    list.appendChild(el('dt', null, label));
    list.appendChild(el('dd', className, value));
  }

  // The code, the 查询码 and the link with the long key: shown this once, never again.
  function done(view) {
    const heading = el('h2', null, '来信已收到，编号 ');
    heading.appendChild(el('span', 'ticket-code', view.code));
    const list = el('dl', 'track-facts');
    row(list, '信箱', view.mailboxName, 'letter-mailbox');
    row(list, '类型', view.typeName, 'letter-type');
    row(list, '承办部门', view.department, 'ticket-department');
    row(list, '答复期限', view.deadline, 'ticket-deadline');
    row(list, '查询码', view.pin, 'ticket-pin');
    const keep = el('p', 'letter-keep', '请记下编号和查询码（只显示这一次）：凭它们在“办件查询”查看办理进度和答复，'
      + '也可以在电话中告诉热线工作人员。');
    const link = el('a', 'letter-track', '查看办理进度');
    link.href = '/track#' + encodeURIComponent(view.code) + '&key=' + encodeURIComponent(view.key);
    result.replaceChildren(heading, list, keep, link);
    result.hidden = false;
    form.hidden = true;
    result.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!offered) {
      return;
    }
    error.textContent = '';
    const t = chosenType();
    const body = {
      mailbox: mailbox.value,
      type: t ? t.id : undefined,
      title: title.value,
      content: content.value,
      name: name.value,
      publish: publish.checked
    };
    if (phone.value.trim() || email.value.trim() || consent.checked) {
      body.contact = { phone: phone.value, email: email.value, consent: consent.checked };
    }
    const wrong = LetterFiles.problem(files.files, offered.limits);
    if (wrong) {
      fail(wrong, 'attachments');
      return;
    }
    submit.disabled = true;
    try {
      // Sent with the letter, so that the department's first mail lists them.
      body.attachments = await LetterFiles.encode(files.files);
      const response = await fetch('/api/v1/letters', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body)
      });
      const answer = await response.json().catch(() => null);
      if (response.ok && answer && answer.code) {
        done(answer);
      } else {
        const e = answer && answer.error;
        const field = e && (e.field || (/attachment/.test(e.code) ? 'attachments' : null));
        fail(e && e.message ? e.message : response.status === 413 ? '附件太大，请删去一些或压缩后再提交。'
          : '暂时无法提交，请稍后再试。', field);
      }
    } catch (e) {
      fail('网络连接失败，请检查网络后再试。您写的内容还在，可以稍后再提交。');
    } finally {
      submit.disabled = false;
    }
  });

  async function load() {
    try {
      const response = await fetch('/api/v1/letters/form', { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      offered = await response.json();
    } catch (e) {
      fail('暂时无法打开写信页面，请稍后刷新重试。');
      submit.disabled = true;
      return;
    }
    offered.mailboxes.forEach((m) => {
      const o = el('option', null, m.name);
      o.value = m.id;
      mailbox.appendChild(o);
    });
    const asked = new URLSearchParams(location.search).get('mailbox');
    if (asked && offered.mailboxes.some((m) => m.id === asked)) {
      mailbox.value = asked;
    }
    offered.types.forEach((t, i) => {
      const label = el('label', 'letter-choice');
      const input = el('input');
      input.type = 'radio';
      input.name = 'type';
      input.value = t.id;
      input.checked = i === 0;
      label.appendChild(input);
      label.appendChild(el('span', null, t.name));
      types.appendChild(label);
    });
    title.maxLength = offered.limits.title;
    name.maxLength = offered.limits.name;
    const titleCount = document.getElementById('letter-title-count');
    const contentCount = document.getElementById('letter-content-count');
    title.addEventListener('input', () => count(title, offered.limits.title, titleCount));
    content.addEventListener('input', () => count(content, offered.limits.content, contentCount));
    count(title, offered.limits.title, titleCount);
    count(content, offered.limits.content, contentCount);
    filesHelp.textContent = LetterFiles.describe(offered.limits);
    files.hidden = !offered.limits.attachments;
    files.addEventListener('change', () => {
      LetterFiles.list(files.files, filesList);
      const wrong = LetterFiles.problem(files.files, offered.limits);
      error.textContent = wrong || '';
      if (wrong) {
        files.setAttribute('aria-invalid', 'true');
      } else {
        files.removeAttribute('aria-invalid');
      }
    });
    mailbox.addEventListener('change', refresh);
    types.addEventListener('change', refresh);
    refresh();
  }
  load();
})();
