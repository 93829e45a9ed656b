// 问政 online interview (在线访谈), the public page: the event, the live feed of answered questions
// (polled every few seconds with the last seq seen, so each poll carries only what is new), and the
// question form. After the end the same page is the transcript.
//
// Everything shown that came from the server or from citizens is inserted as text (textContent),
// never parsed as HTML: a question containing <script> stays visible text.
'use strict';

(function () {
  const POLL_MS = 2000;
  // After a failed poll (429, 503, network): wait longer each time, up to 30 s.
  const POLL_MAX_MS = 30000;
  const SESSION_KEY = 'wenzheng.interview.session';
  const STATUS_NAMES = { scheduled: '未开始', live: '进行中', ended: '已结束' };

  const match = /^\/interview\/(\d+)\/?$/.exec(location.pathname);
  if (!match) {
    return;
  }
  const id = match[1];
  const api = '/api/v1/interviews/' + id;

  const feed = document.getElementById('feed');
  const feedEmpty = document.getElementById('feed-empty');
  const form = document.getElementById('ask-form');
  const input = document.getElementById('question');
  const asker = document.getElementById('asker');
  const send = document.getElementById('send');
  const result = document.getElementById('ask-result');

  let lastSeq = 0;
  let status = null;
  let delay = POLL_MS;
  const shown = new Set();

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

  /** This tab's random id, sent with questions so that one page's rate is limited. */
  function session() {
    try {
      let s = sessionStorage.getItem(SESSION_KEY);
      if (!s || !/^[A-Za-z0-9_-]{8,64}$/.test(s)) {
        const bytes = new Uint8Array(16);
        crypto.getRandomValues(bytes);
        s = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
        sessionStorage.setItem(SESSION_KEY, s);
      }
      return s;
    } catch (e) {
      return null;
    }
  }

  /** The day of an answer after the event, in the reader's calendar: 2026年11月28日. */
  function day(t) {
    return new Date(t).toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' });
  }

  function when(startsAt, endsAt) {
    const f = (t) => new Date(t).toLocaleString('zh-CN', { hour12: false, year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit' });
    return f(startsAt) + ' — ' + f(endsAt);
  }

  function showInfo(info) {
    document.title = '问政 · 在线访谈 · ' + info.title;
    document.getElementById('title').textContent = info.title;
    document.getElementById('when').textContent = when(info.startsAt, info.endsAt);
    document.getElementById('description').textContent = info.description || '';
    const guests = document.getElementById('guests');
    guests.replaceChildren();
    for (const g of info.guests || []) {
      const li = el('li', null);
      li.appendChild(el('span', 'guest-name', g.name));
      li.appendChild(el('span', 'guest-title', g.title));
      guests.appendChild(li);
    }
    showStatus(info.status);
  }

  function showStatus(s) {
    status = s;
    document.getElementById('status').textContent = STATUS_NAMES[s] || s;
    const ended = s === 'ended';
    form.hidden = ended;
    document.getElementById('feed-title').textContent = ended ? '文字实录' : '访谈实况';
    document.body.classList.toggle('ended', ended);
  }

  function sourceNode(c) {
    const li = el('li', 'source');
    const title = el('div', 'source-title');
    title.appendChild(document.createTextNode('《' + (c.title || '') + '》' + (c.article || '')));
    if (c.status) {
      title.appendChild(el('span', 'status ' + (c.status === '有效' ? 'in-force' : 'not-in-force'), c.status));
    }
    li.appendChild(title);
    const meta = [c.docNumber, c.issuer, c.date].filter((v) => typeof v === 'string' && v.length > 0);
    if (meta.length > 0) {
      li.appendChild(el('div', 'source-meta', meta.join(' · ')));
    }
    return li;
  }

  function itemNode(item) {
    const li = el('li', 'qa');
    li.dataset.seq = String(item.seq);
    const q = el('p', 'qa-question');
    q.appendChild(el('span', 'qa-asker', (item.askerName || '网友') + '：'));
    q.appendChild(document.createTextNode(item.question));
    if (item.askCount > 1) {
      q.appendChild(el('span', 'qa-count', '（' + item.askCount + ' 人问过）'));
    }
    li.appendChild(q);
    const a = item.answer || {};
    const box = el('div', 'qa-answer');
    if (a.source === 'bot') {
      box.appendChild(el('p', 'qa-who qa-bot', '智能回答'));
    } else if (a.source === 'officer') {
      // 会后答复: a department's answer to the question's ticket, given after the event.
      li.classList.add('qa-later');
      const who = el('p', 'qa-who qa-officer');
      who.appendChild(el('span', 'qa-later-label', '会后答复'));
      who.appendChild(el('span', 'qa-department', a.department || '承办部门'));
      const date = el('time', 'qa-date', day(a.answeredAt));
      date.dateTime = a.answeredAt;
      who.appendChild(date);
      box.appendChild(who);
    } else {
      box.appendChild(el('p', 'qa-who', (a.guestName || '嘉宾') + (a.guestTitle ? '（' + a.guestTitle + '）' : '') + '：'));
    }
    box.appendChild(el('p', 'qa-text', a.text));
    if (Array.isArray(a.citations) && a.citations.length > 0) {
      box.appendChild(el('p', 'section-title', '依据'));
      const ul = el('ul', 'sources');
      a.citations.forEach((c) => ul.appendChild(sourceNode(c)));
      box.appendChild(ul);
    }
    li.appendChild(box);
    return li;
  }

  function addItems(items) {
    for (const item of items) {
      if (shown.has(item.seq)) {
        continue;
      }
      shown.add(item.seq);
      feed.appendChild(itemNode(item));
      lastSeq = Math.max(lastSeq, item.seq);
    }
    feedEmpty.hidden = shown.size > 0;
  }

  async function poll() {
    try {
      const response = await fetch(api + '/feed?after=' + lastSeq);
      if (response.status === 404) {
        return;
      }
      if (!response.ok) {
        throw new Error('feed ' + response.status);
      }
      const body = await response.json();
      const before = lastSeq;
      addItems(body.items || []);
      if (body.status !== status) {
        showStatus(body.status);
      }
      delay = POLL_MS;
      // A full page may have left more: ask again at once.
      if (lastSeq > before && lastSeq < body.lastSeq) {
        setTimeout(poll, 0);
        return;
      }
    } catch (e) {
      delay = Math.min(delay * 2, POLL_MAX_MS);
    }
    // After the end, only answers after the event (会后答复) are added, days later: a visit (or a
    // reload) shows them, and polling stops.
    if (status !== 'ended') {
      setTimeout(poll, delay);
    }
  }

  function say(text, isError) {
    result.textContent = text;
    result.classList.toggle('error', Boolean(isError));
    result.hidden = false;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) {
      input.focus();
      return;
    }
    const body = { question: question };
    const name = asker.value.trim();
    if (name) {
      body.name = name;
    }
    const s = session();
    if (s) {
      body.session = s;
    }
    send.disabled = true;
    try {
      const response = await fetch(api + '/questions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const reply = await response.json().catch(() => null);
      if (response.ok && reply) {
        input.value = '';
        if (reply.outcome === 'bot_answered') {
          say('已为您智能回答，见访谈实况。');
          if (reply.item) {
            addItems([reply.item]);
          }
        } else if (reply.outcome === 'merged') {
          say('已有网友提出相同的问题，已为您合并，请留意嘉宾回答。');
        } else {
          say('问题已提交，主持人将转给嘉宾回答。');
        }
      } else if (response.status === 429) {
        const wait = response.headers.get('Retry-After');
        say('提问太频繁了，请' + (wait ? ' ' + wait + ' 秒后' : '稍后') + '再试。', true);
      } else if (response.status === 409) {
        say('访谈已结束，不再接受提问。', true);
        showStatus('ended');
      } else if (reply && reply.error && reply.error.message) {
        say('问题无法提交：' + reply.error.message, true);
      } else {
        say('出错了，请稍后再试。', true);
      }
    } catch (e) {
      say('网络连接失败，请检查网络后再试。', true);
    } finally {
      send.disabled = false;
    }
  });

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  fetch(api).then((r) => (r.ok ? r.json() : null)).then((info) => {
    if (info) {
      showInfo(info);
    }
    poll();
  }).catch(() => poll());
})();
