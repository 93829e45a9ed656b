// 回访 (/admin/follow-ups): answered 投诉 and 求助 within their follow-up days; for each, the outcome
// of a call-back (reached or not, satisfied or not, a note) is recorded with
// POST /api/v1/staff/follow-ups/{code}. Native controls only, so the keyboard works throughout.
(function () {
  'use strict';

  const csrf = document.querySelector('meta[name="wz-csrf"]').content;
  const list = document.getElementById('follow-up-list');
  const empty = document.getElementById('follow-up-empty');
  let counter = 0;

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    return e;
  }

  function message(id, text) {
    const e = document.getElementById(id);
    e.textContent = text || '';
    e.hidden = !text;
  }

  async function call(method, url, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      headers['X-CSRF-Token'] = csrf;
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(url, { method: method, headers: headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    const parsed = await response.json().catch(() => null);
    if (!response.ok) {
      const e = parsed && parsed.error;
      throw new Error(e && e.message ? e.message : '请求失败（' + response.status + '）');
    }
    return parsed;
  }

  function radios(legend, name, choices) {
    const set = el('fieldset', 'follow-up-choice');
    set.appendChild(el('legend', null, legend));
    choices.forEach((c) => {
      const label = el('label');
      const input = el('input');
      input.type = 'radio';
      input.name = name;
      input.value = c.value;
      label.appendChild(input);
      label.appendChild(el('span', null, ' ' + c.name));
      set.appendChild(label);
    });
    return set;
  }

  function time(t) {
    return t ? new Date(t).toLocaleString('zh-CN', { hour12: false }) : '';
  }

  function item(f) {
    const id = 'fu-' + (++counter);
    const li = el('li', 'follow-up');
    li.dataset.code = f.code;
    const head = el('h2', null, f.code + ' · ' + f.typeName + ' · ' + f.departmentName);
    li.appendChild(head);
    const facts = el('dl', 'track-facts');
    const row = (label, value) => {
      facts.appendChild(el('dt', null, label));
      facts.appendChild(el('dd', null, value));
    };
    if (f.title) {
      row('标题', f.title);
    }
    row('诉求', f.question);
    row('答复', f.answer);
    row('答复时间', time(f.answeredAt));
    row('联系电话', f.phone || '未留电话（或未同意保存）');
    row('回访截止', f.showUntil);
    row('回访记录', f.calls.length === 0 ? '尚未回访'
      : f.calls.map((c) => c.outcome + (c.note ? '（' + c.note + '）' : '') + ' · ' + c.recordedBy + ' · '
        + time(c.recordedAt)).join('；'));
    li.appendChild(facts);

    const form = el('form', 'follow-up-form');
    form.setAttribute('aria-label', '记录 ' + f.code + ' 的回访结果');
    const reached = radios('是否联系上', id + '-reached', [{ value: 'true', name: '已联系上' },
      { value: 'false', name: '未联系上' }]);
    const satisfied = radios('市民是否满意', id + '-satisfied', [{ value: 'true', name: '满意' },
      { value: 'false', name: '不满意' }, { value: '', name: '未表态' }]);
    const noteLabel = el('label', null, '回访记录（选填）');
    const note = el('textarea');
    note.id = id + '-note';
    note.rows = 2;
    note.maxLength = 500;
    noteLabel.htmlFor = note.id;
    const save = el('button', 'primary', '保存回访结果');
    save.type = 'submit';
    form.append(reached, satisfied, noteLabel, note, save);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const r = reached.querySelector('input:checked');
      if (!r) {
        message('error', '请选择是否联系上市民');
        reached.querySelector('input').focus();
        return;
      }
      const s = satisfied.querySelector('input:checked');
      const body = { reached: r.value === 'true', note: note.value,
        satisfied: r.value === 'true' && s && s.value !== '' ? s.value === 'true' : null };
      save.disabled = true;
      try {
        const updated = await call('POST', '/api/v1/staff/follow-ups/' + encodeURIComponent(f.code), body);
        message('error', '');
        message('status', f.code + ' 的回访结果已保存：' + updated.calls[updated.calls.length - 1].outcome);
        const next = item(updated);
        li.replaceWith(next);
        next.querySelector('h2').tabIndex = -1;
        next.querySelector('h2').focus();
      } catch (e) {
        message('error', '保存失败：' + e.message);
      } finally {
        save.disabled = false;
      }
    });
    li.appendChild(form);
    return li;
  }

  async function load() {
    try {
      const view = await call('GET', '/api/v1/staff/follow-ups');
      document.getElementById('follow-up-days').textContent = view.workingDays;
      list.replaceChildren(...view.followUps.map(item));
      empty.hidden = view.followUps.length > 0;
    } catch (e) {
      message('error', '无法读取回访名单：' + e.message);
    }
  }

  document.getElementById('logout').addEventListener('click', async () => {
    try {
      await call('POST', '/api/v1/logout', {});
    } finally {
      location.href = '/login';
    }
  });

  load();
})();
