// 问政 online interview, the staff pages: the moderator's queue, the guest's answers and the
// administrator's events. One file for the three (the page names itself in <body data-page>).
// The session's CSRF token is in a meta tag of the page, which only the logged-in browser
// receives; it goes back in X-CSRF-Token with every change.
//
// Everything shown that came from the server or from citizens is inserted as text (textContent),
// never parsed as HTML: a question containing <script> stays visible text.
'use strict';

(function () {
  const POLL_MS = 2000;
  const STATUS_NAMES = { scheduled: '未开始', live: '进行中', ended: '已结束' };
  /** A question's status as its entry shows it (an assigned one names its guest instead). */
  const ENTRY_STATUS_NAMES = {
    queued: '待处理', assigned: '已交嘉宾', answered: '嘉宾已回答', bot_answered: '智能回答', rejected: '已拒绝',
    to_escalate: '待转办', escalated: '已转办', answered_later: '会后答复',
  };
  /** How long the moderator may undo a rejection (the server allows a little more: InterviewStore.UNDO_WINDOW). */
  const UNDO_MS = 10000;
  const csrf = document.querySelector('meta[name="wz-csrf"]').content;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function button(text, onClick, className) {
    const b = el('button', className || null, text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function time(t) {
    return t ? new Date(t).toLocaleString('zh-CN', { hour12: false }) : '';
  }

  function showError(text) {
    const e = document.getElementById('error');
    e.textContent = text || '';
    e.hidden = !text;
    if (text) {
      showStatus('');
    }
  }

  /** A success, shown apart from errors (green, announced politely); pages without a status line have none. */
  function showStatus(text) {
    const s = document.getElementById('status');
    if (!s) {
      return;
    }
    s.textContent = text || '';
    s.hidden = !text;
  }

  /** A JSON request; the parsed body, or an Error carrying the server's message. */
  async function call(method, url, body) {
    const headers = {};
    if (method !== 'GET') {
      headers['X-CSRF-Token'] = csrf;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    // A request that never reached the server reads as such, not as the browser's English ("Failed to fetch").
    const response = await fetch(url, {
      method: method,
      headers: headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(() => { throw new Error('网络连接失败，请检查网络后重试'); });
    if (response.status === 401) {
      window.location.assign('/login');
      throw new Error('请先登录');
    }
    const reply = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((reply && reply.error && reply.error.message) || ('请求失败（' + response.status + '）'));
    }
    return reply;
  }

  function eventId(suffix) {
    const m = new RegExp('^/interview/(\\d+)/' + suffix + '/?$').exec(location.pathname);
    return m ? m[1] : null;
  }

  function showEvent(interview, id) {
    document.getElementById('title').textContent = interview.title;
    document.getElementById('event-status').textContent = STATUS_NAMES[interview.status] || interview.status;
    document.getElementById('public-link').href = '/interview/' + id;
    document.title = '问政 · ' + interview.title;
  }

  function answerNode(a) {
    const box = el('div', 'qa-answer');
    if (a.source === 'bot') {
      box.appendChild(el('p', 'qa-who qa-bot', '智能回答'));
    } else if (a.source === 'officer') {
      box.appendChild(el('p', 'qa-who qa-officer', '会后答复 · ' + (a.department || '') + ' · ' + time(a.answeredAt)));
    } else {
      box.appendChild(el('p', 'qa-who', (a.guestName || '') + (a.guestTitle ? '（' + a.guestTitle + '）' : '') + '：'));
    }
    box.appendChild(el('p', 'qa-text', a.text));
    return box;
  }

  function entryStatus(e) {
    const guest = e.assignedTo ? e.assignedTo.displayName : null;
    if (e.status === 'assigned' && guest) {
      return '已交给 ' + guest;
    }
    if (e.status === 'rejected' && guest) {
      return '已拒绝（原交给 ' + guest + '）';
    }
    return ENTRY_STATUS_NAMES[e.status] || e.status;
  }

  function questionNode(e) {
    const li = el('li', 'entry');
    li.dataset.id = String(e.id);
    li.appendChild(el('p', 'qa-question', e.question));
    const meta = [e.askCount + ' 人提问'];
    if (e.askerName) {
      meta.push('称呼：' + e.askerName);
    }
    meta.push(time(e.createdAt));
    if (e.ticketCode) {
      meta.push('工单 ' + e.ticketCode);
    }
    const line = el('p', 'entry-meta');
    line.appendChild(el('span', 'entry-status status-' + e.status, entryStatus(e)));
    line.appendChild(document.createTextNode(' · ' + meta.join(' · ')));
    li.appendChild(line);
    return li;
  }

  // ------------------------------------------------------------------ moderator

  function moderate(id) {
    const api = '/api/v1/interviews/' + id;
    const order = document.getElementById('order');
    let data = null;
    let rendered = '';
    let selected = null; // the id of the selected open entry
    let busy = false;
    const confirmBar = document.getElementById('confirm-reject');
    const undoBar = document.getElementById('undo');
    let confirming = null; // the assigned entry whose rejection waits for the moderator's yes
    let undoable = null; // the entry just rejected, while its rejection may be undone
    let undoTimer = 0;

    function openEntries() {
      return Array.from(document.querySelectorAll('#queued .entry, #assigned .entry'));
    }

    /** Asks the server for a change; whether it was made. */
    async function act(questionId, what, body) {
      if (busy) {
        return false;
      }
      busy = true;
      try {
        await call('POST', api + '/questions/' + questionId + '/' + what, body);
        showError('');
        await load();
        return true;
      } catch (e) {
        showError(e.message);
        return false;
      } finally {
        busy = false;
      }
    }

    /**
     * x, Delete or the button: a queued question is rejected at once (the undo is offered); one
     * given to a guest, who may be answering it, is rejected only once the moderator confirms.
     */
    function requestReject(questionId) {
      const e = data.entries.find((x) => x.id === questionId);
      if (!e) {
        return;
      }
      if (e.status !== 'assigned') {
        reject(e);
        return;
      }
      confirming = e;
      document.getElementById('confirm-text').textContent = '该问题已交给 '
        + (e.assignedTo ? e.assignedTo.displayName : '嘉宾') + '，嘉宾可能正在作答。确定拒绝“' + brief(e.question) + '”？';
      confirmBar.hidden = false;
      document.getElementById('confirm-yes').focus();
    }

    function closeConfirm() {
      confirming = null;
      confirmBar.hidden = true;
      select(selected, true);
    }

    async function reject(e) {
      if (await act(e.id, 'reject')) {
        offerUndo(e);
      }
      select(selected, true);
    }

    function offerUndo(e) {
      undoable = e;
      document.getElementById('undo-text').textContent = '已拒绝“' + brief(e.question) + '”。';
      undoBar.hidden = false;
      clearTimeout(undoTimer);
      undoTimer = setTimeout(closeUndo, UNDO_MS);
    }

    function closeUndo() {
      clearTimeout(undoTimer);
      undoable = null;
      undoBar.hidden = true;
    }

    async function undo() {
      const e = undoable;
      if (!e) {
        return;
      }
      closeUndo();
      if (await act(e.id, 'unreject')) {
        select(e.id, true);
      }
    }

    function brief(text) {
      return text.length > 30 ? text.slice(0, 30) + '…' : text;
    }

    document.getElementById('confirm-yes').addEventListener('click', () => {
      const e = confirming;
      confirming = null;
      confirmBar.hidden = true;
      if (e) {
        reject(e);
      }
    });
    document.getElementById('confirm-no').addEventListener('click', closeConfirm);
    document.getElementById('undo-reject').addEventListener('click', undo);

    function actions(e) {
      const box = el('div', 'entry-actions');
      (data.interview.guests || []).forEach((g, i) => {
        const label = (i < 9 ? (i + 1) + ' ' : '') + '交给 ' + g.displayName;
        box.appendChild(button(label, () => act(e.id, 'assign', { guest: g.id }), 'assign'));
      });
      box.appendChild(button('x 拒绝', () => requestReject(e.id), 'reject'));
      return box;
    }

    function fill(listId, entries, withActions) {
      const list = document.getElementById(listId);
      list.replaceChildren();
      for (const e of entries) {
        const li = questionNode(e);
        li.tabIndex = -1;
        if (e.answer) {
          li.appendChild(answerNode(e.answer));
        }
        if (withActions && data.interview.status !== 'ended') {
          li.appendChild(actions(e));
        }
        li.addEventListener('click', () => select(e.id, false));
        list.appendChild(li);
      }
      document.getElementById('n-' + listId).textContent = '（' + entries.length + '）';
    }

    function render() {
      const entries = data.entries;
      const by = (s) => entries.filter((e) => s.includes(e.status));
      const queued = by(['queued']);
      if (order.value === 'newest') {
        queued.sort((a, b) => b.id - a.id);
      } else {
        queued.sort((a, b) => b.askCount - a.askCount || a.id - b.id);
      }
      showEvent(data.interview, id);
      fill('queued', queued, true);
      fill('assigned', by(['assigned']), true);
      fill('answered', by(['answered']), false);
      fill('bot', by(['bot_answered']), false);
      fill('other', by(['rejected', 'to_escalate', 'escalated']), false);
      fill('later', by(['answered_later']), false);
      const open = openEntries();
      if (!open.some((li) => li.dataset.id === String(selected))) {
        selected = open.length > 0 ? Number(open[0].dataset.id) : null;
      }
      select(selected, false);
    }

    function select(questionId, focus) {
      selected = questionId;
      for (const li of document.querySelectorAll('.entry')) {
        const on = li.dataset.id === String(questionId);
        li.classList.toggle('selected', on);
        if (on && focus) {
          li.focus();
          li.scrollIntoView({ block: 'nearest' });
        }
      }
    }

    async function load() {
      const reply = await call('GET', api + '/queue');
      const text = JSON.stringify(reply);
      data = reply;
      if (text !== rendered) {
        rendered = text;
        render();
      }
    }

    document.addEventListener('keydown', (event) => {
      const target = event.target;
      if (!confirmBar.hidden) {
        // Enter (or Space) on the focused button answers; nothing else acts meanwhile.
        if (event.key === 'Escape') {
          event.preventDefault();
          closeConfirm();
        }
        return;
      }
      if (!data || event.ctrlKey || event.metaKey || event.altKey || (target && (target.tagName === 'SELECT'
          || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA'))) {
        return;
      }
      const open = openEntries();
      const at = open.findIndex((li) => li.dataset.id === String(selected));
      if (event.key === 'ArrowDown' || event.key === 'j') {
        event.preventDefault();
        if (open.length > 0) {
          select(Number(open[Math.min(at + 1, open.length - 1)].dataset.id), true);
        }
      } else if (event.key === 'ArrowUp' || event.key === 'k') {
        event.preventDefault();
        if (open.length > 0) {
          select(Number(open[Math.max(at - 1, 0)].dataset.id), true);
        }
      } else if (/^[1-9]$/.test(event.key) && selected !== null && at >= 0) {
        const guest = (data.interview.guests || [])[Number(event.key) - 1];
        if (guest) {
          event.preventDefault();
          act(selected, 'assign', { guest: guest.id });
        }
      } else if ((event.key === 'x' || event.key === 'Delete') && selected !== null && at >= 0) {
        event.preventDefault();
        requestReject(selected);
      } else if (event.key === 'u' && undoable) {
        event.preventDefault();
        undo();
      }
    });
    order.addEventListener('change', () => render());

    async function poll() {
      try {
        await load();
      } catch (e) {
        showError(e.message);
      }
      setTimeout(poll, POLL_MS);
    }
    poll();
  }

  // ------------------------------------------------------------------ guest

  function guest(id) {
    const api = '/api/v1/interviews/' + id;
    const nodes = new Map(); // question id -> { li, status }

    async function publish(questionId, textarea, submit) {
      const text = textarea.value.trim();
      if (!text) {
        textarea.focus();
        return;
      }
      submit.disabled = true;
      try {
        await call('POST', api + '/questions/' + questionId + '/answer', { answer: text });
        showError('');
        await load();
      } catch (e) {
        showError(e.message);
      } finally {
        submit.disabled = false;
      }
    }

    function openNode(e) {
      const li = questionNode(e);
      const label = el('label', 'visually-hidden', '回答');
      const area = el('textarea', 'answer-box');
      area.id = 'answer-' + e.id;
      label.htmlFor = area.id;
      area.rows = 4;
      area.placeholder = '输入回答';
      const submit = button('发布回答', () => publish(e.id, area, submit), 'primary');
      submit.classList.add('publish');
      area.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          publish(e.id, area, submit);
        }
      });
      li.appendChild(label);
      li.appendChild(area);
      const box = el('div', 'entry-actions');
      box.appendChild(submit);
      li.appendChild(box);
      return li;
    }

    function doneNode(e) {
      const li = questionNode(e);
      if (e.answer) {
        li.appendChild(answerNode(e.answer));
      }
      return li;
    }

    /** Keeps the nodes already shown (a half-typed answer stays), adds new ones, drops those taken away. */
    function render(reply) {
      showEvent(reply.interview, id);
      const seen = new Set();
      for (const e of reply.questions) {
        seen.add(e.id);
        const known = nodes.get(e.id);
        if (known && known.status === e.status) {
          continue;
        }
        if (known) {
          known.li.remove();
        }
        const li = e.status === 'answered' ? doneNode(e) : openNode(e);
        document.getElementById(e.status === 'answered' ? 'done' : 'open').appendChild(li);
        nodes.set(e.id, { li: li, status: e.status });
      }
      for (const [qid, known] of nodes) {
        if (!seen.has(qid)) {
          known.li.remove();
          nodes.delete(qid);
        }
      }
      document.getElementById('n-open').textContent = '（' + document.querySelectorAll('#open .entry').length + '）';
      document.getElementById('n-done').textContent = '（' + document.querySelectorAll('#done .entry').length + '）';
    }

    async function load() {
      render(await call('GET', api + '/assigned'));
    }

    async function poll() {
      try {
        await load();
      } catch (e) {
        showError(e.message);
      }
      setTimeout(poll, POLL_MS);
    }
    poll();
  }

  // ------------------------------------------------------------------ administrator

  function admin() {
    const api = '/api/v1/admin/interviews';
    const form = document.getElementById('event-form');
    const formError = document.getElementById('form-error');
    let editing = null;
    let data = null;

    function localInput(iso) {
      if (!iso) {
        return '';
      }
      const d = new Date(iso);
      const pad = (n) => String(n).padStart(2, '0');
      return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' + pad(d.getHours()) + ':'
        + pad(d.getMinutes());
    }

    function fillPickers(event) {
      const moderator = document.getElementById('f-moderator');
      moderator.replaceChildren();
      const none = el('option', null, '（未指定，管理员主持）');
      none.value = '';
      moderator.appendChild(none);
      for (const m of data.moderators) {
        const o = el('option', null, m.displayName + '（' + m.username + '）');
        o.value = String(m.id);
        moderator.appendChild(o);
      }
      moderator.value = event && event.moderator ? String(event.moderator.id) : '';
      const guests = document.getElementById('f-guests');
      guests.replaceChildren();
      for (const o of data.officers) {
        const seat = event ? (event.guests || []).find((g) => g.id === o.id) : null;
        const row = el('div', 'guest-pick');
        const check = el('input');
        check.type = 'checkbox';
        check.id = 'guest-' + o.id;
        check.checked = Boolean(seat);
        check.dataset.account = String(o.id);
        const label = el('label', null, o.displayName + '（' + o.username + '）');
        label.htmlFor = check.id;
        const title = el('input');
        title.type = 'text';
        title.maxLength = 100;
        title.placeholder = '职务';
        title.value = seat ? seat.title : '';
        title.setAttribute('aria-label', o.displayName + ' 的职务');
        title.id = 'guest-title-' + o.id;
        row.appendChild(check);
        row.appendChild(label);
        row.appendChild(title);
        guests.appendChild(row);
      }
    }

    function edit(event) {
      editing = event ? event.id : null;
      document.getElementById('form-title').textContent = event ? '编辑访谈' : '新建访谈';
      document.getElementById('f-title').value = event ? event.title : '';
      document.getElementById('f-description').value = event ? event.description : '';
      document.getElementById('f-starts').value = event ? localInput(event.startsAt) : '';
      document.getElementById('f-ends').value = event ? localInput(event.endsAt) : '';
      fillPickers(event);
      formError.hidden = true;
    }

    async function run(url, confirmText) {
      if (confirmText && !window.confirm(confirmText)) {
        return;
      }
      try {
        const reply = await call('POST', url);
        showError('');
        if (reply && typeof reply.waiting === 'number') {
          showStatus(reply.ticketsAvailable ? (reply.escalated + ' 个未回答的问题已转为工单；' + reply.waiting + ' 个待转办。')
            : ('工单服务尚未启用：' + reply.waiting + ' 个未回答的问题保留为“待转办”。'));
        } else {
          showStatus('');
        }
      } catch (e) {
        showError(e.message);
      }
      await load();
    }

    function eventNode(ev) {
      const li = el('li', 'event');
      li.dataset.id = String(ev.id);
      li.appendChild(el('p', 'source-title', ev.title + '（' + (STATUS_NAMES[ev.status] || ev.status) + '）'));
      const meta = [time(ev.startsAt) + ' — ' + time(ev.endsAt), '提问 ' + ev.asks];
      if (ev.moderator) {
        meta.push('主持：' + ev.moderator.displayName);
      }
      if (ev.guests.length > 0) {
        meta.push('嘉宾：' + ev.guests.map((g) => g.displayName + '（' + g.title + '）').join('、'));
      }
      li.appendChild(el('p', 'entry-meta', meta.join(' · ')));
      const links = el('div', 'entry-actions');
      const open = el('a', null, '公开页面');
      open.href = '/interview/' + ev.id;
      links.appendChild(open);
      const mod = el('a', null, '主持页面');
      mod.href = '/interview/' + ev.id + '/moderate';
      links.appendChild(mod);
      links.appendChild(button('编辑', () => edit(ev)));
      if (ev.status === 'scheduled') {
        links.appendChild(button('开始', () => run(api + '/' + ev.id + '/start'), 'start'));
      }
      if (ev.status !== 'ended') {
        links.appendChild(button('结束', () => run(api + '/' + ev.id + '/end',
          '结束后公开页面变为文字实录，未回答的问题将转办。确定结束？'), 'end'));
      } else {
        links.appendChild(button('转办未回答问题', () => run(api + '/' + ev.id + '/escalate'), 'escalate'));
      }
      li.appendChild(links);
      return li;
    }

    async function load() {
      data = await call('GET', api);
      const list = document.getElementById('events');
      list.replaceChildren();
      data.interviews.forEach((ev) => list.appendChild(eventNode(ev)));
      if (editing === null) {
        fillPickers(null);
      }
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const guests = [];
      for (const check of document.querySelectorAll('#f-guests input[type="checkbox"]')) {
        if (check.checked) {
          guests.push({ account: Number(check.dataset.account),
            title: document.getElementById('guest-title-' + check.dataset.account).value.trim() });
        }
      }
      const moderator = document.getElementById('f-moderator').value;
      const starts = document.getElementById('f-starts').value;
      const ends = document.getElementById('f-ends').value;
      const body = {
        title: document.getElementById('f-title').value.trim(),
        description: document.getElementById('f-description').value.trim(),
        startsAt: starts ? new Date(starts).toISOString() : null,
        endsAt: ends ? new Date(ends).toISOString() : null,
        moderator: moderator ? Number(moderator) : null,
        guests: guests,
      };
      try {
        await call('POST', editing === null ? api : api + '/' + editing, body);
        edit(null);
        await load();
      } catch (e) {
        formError.textContent = e.message;
        formError.hidden = false;
      }
    });
    document.getElementById('reset').addEventListener('click', () => edit(null));

    load().catch((e) => showError(e.message));
  }

  // ------------------------------------------------------------------ my interviews

  function mine() {
    call('GET', '/api/v1/staff/interviews').then((reply) => {
      const list = document.getElementById('events');
      document.getElementById('none').hidden = reply.interviews.length > 0;
      for (const m of reply.interviews) {
        const ev = m.interview;
        const li = el('li', 'event');
        li.dataset.id = String(ev.id);
        li.appendChild(el('p', 'source-title', ev.title + '（' + (STATUS_NAMES[ev.status] || ev.status) + '）'));
        li.appendChild(el('p', 'entry-meta', time(ev.startsAt) + ' — ' + time(ev.endsAt)));
        const links = el('div', 'entry-actions');
        const link = (text, href) => {
          const a = el('a', null, text);
          a.href = href;
          links.appendChild(a);
        };
        if (m.moderator) {
          link('主持页面', '/interview/' + ev.id + '/moderate');
        }
        if (m.guest) {
          link('嘉宾答题', '/interview/' + ev.id + '/guest');
        }
        link('公开页面', '/interview/' + ev.id);
        li.appendChild(links);
        list.appendChild(li);
      }
    }).catch((e) => showError(e.message));
  }

  const logout = document.getElementById('logout');
  if (logout) {
    // As on /admin: the login page only once the server has ended the session (a 401 means it
    // already had); otherwise the page stays, saying so, since the session still works.
    logout.addEventListener('click', async () => {
      logout.disabled = true;
      try {
        await call('POST', '/api/v1/logout', {});
        window.location.assign('/login');
      } catch (e) {
        showError('退出登录失败：' + e.message);
        logout.disabled = false;
      }
    });
  }

  const page = document.body.dataset.page;
  if (page === 'moderate') {
    const id = eventId('moderate');
    if (id) {
      moderate(id);
    }
  } else if (page === 'guest') {
    const id = eventId('guest');
    if (id) {
      guest(id);
    }
  } else if (page === 'admin') {
    admin();
  } else if (page === 'mine') {
    mine();
  }
})();
