// 问政 citizen chat: asks over the WebSocket /ws/chat (falling back to POST /api/v1/ask while the
// socket cannot open) and shows the answer with its sources. A question the bot is not sure of
// (or whose answer did not help) can be handed to the staff as a ticket: its code and key are
// shown once and kept in localStorage, its status is read back, and the officer's answer arrives
// pushed over the socket or found by polling.
//
// Everything shown that came from the server (answers, titles, snippets) or from the user is
// inserted as text (textContent, createTextNode), never parsed as HTML: a document or a question
// containing <script> stays visible text. Highlights are <mark> elements built from the snippet's
// ranges, not from the server's HTML rendering.
'use strict';

(function () {
  const ASK_URL = '/api/v1/ask';
  const CHAT_PATH = '/ws/chat';
  // Reconnect delays: doubling from 1 s up to 30 s, so a restarting server is not hammered.
  const RECONNECT_FIRST_MS = 1000;
  const RECONNECT_MAX_MS = 30000;
  const SESSION_KEY = 'wenzheng.session';
  const TICKETS_URL = '/api/v1/tickets';
  // What the page shows from the configuration (the office's hotline, the answer threshold).
  const SETTINGS_URL = '/api/v1/chat/settings';
  // A cited document's page (document.html): /documents/{id}?article={passageId}.
  const DOCUMENT_PAGE = '/documents/';
  // Tickets are kept across visits (localStorage, unlike the conversation id): a citizen comes
  // back days later to read the answer.
  const TICKETS_KEY = 'wenzheng.tickets';
  // How often open tickets are looked up while the page is open (answers are also pushed).
  const TICKET_POLL_MS = 60000;
  const CODE_PATTERN = /^WZ-\d{8}-\d{4,6}$/;
  const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
  const STATUS_LABELS = { open: '办理中', correction: '待补正材料', answered: '已答复', closed: '已办结' };

  const form = document.getElementById('ask-form');
  const input = document.getElementById('question');
  const send = document.getElementById('send');
  const conversation = document.getElementById('conversation');

  const SESSION_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

  /**
   * The id of this tab's conversation, as the server gave it with its last answer (the server
   * makes the ids: they are unguessable); null before the first answer.
   */
  function storedSession() {
    try {
      const id = sessionStorage.getItem(SESSION_KEY);
      return id && SESSION_PATTERN.test(id) ? id : null;
    } catch (e) {
      // Storage may be disabled (private mode): each question then starts a conversation.
      return null;
    }
  }

  function keepSession(id) {
    if (typeof id !== 'string' || !SESSION_PATTERN.test(id)) {
      return;
    }
    try {
      sessionStorage.setItem(SESSION_KEY, id);
    } catch (e) {
      // See above.
    }
  }

  /** An element with a class and, optionally, text. */
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

  /**
   * A snippet as text nodes and <mark> elements. Ranges are UTF-16 offsets into snippet.text,
   * as JavaScript counts; ranges out of order or out of bounds are ignored, not trusted.
   */
  function snippetNode(snippet) {
    const p = el('p', 'snippet');
    if (!snippet || typeof snippet.text !== 'string') {
      return p;
    }
    const text = snippet.text;
    const ranges = Array.isArray(snippet.highlights) ? snippet.highlights : [];
    let at = 0;
    for (const h of ranges) {
      const start = Number(h && h.start);
      const end = Number(h && h.end);
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end <= start || end > text.length) {
        continue;
      }
      p.appendChild(document.createTextNode(text.slice(at, start)));
      p.appendChild(el('mark', null, text.slice(start, end)));
      at = end;
    }
    p.appendChild(document.createTextNode(text.slice(at)));
    return p;
  }

  /** An http(s) address, or null: a document's url is metadata, not to be trusted as a scheme. */
  function webUrl(text) {
    if (typeof text !== 'string' || text.length === 0) {
      return null;
    }
    try {
      const u = new URL(text);
      return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  /**
   * Where a citation is read in full: the document's official address when it has one, else the
   * document page with the cited article highlighted; null when the citation names no document.
   */
  function sourceHref(c) {
    const official = webUrl(c.url);
    if (official) {
      return official;
    }
    if (typeof c.documentId !== 'string' || c.documentId.length === 0) {
      return null;
    }
    const article = typeof c.passageId === 'string' && c.passageId.length > 0
      ? '?article=' + encodeURIComponent(c.passageId) : '';
    return DOCUMENT_PAGE + encodeURIComponent(c.documentId) + article;
  }

  /** One source: a link reading 《title》 文号 article, status badge, issuer / date, snippet. */
  function sourceNode(c) {
    const li = el('li', 'source');
    const title = el('div', 'source-title');
    const label = ['《' + (c.title || '') + '》', c.docNumber, c.article]
      .filter((v) => typeof v === 'string' && v.length > 0).join(' ');
    const href = sourceHref(c);
    if (href) {
      const link = el('a', 'source-link', label);
      link.href = href;
      if (href !== webUrl(c.url)) {
        link.title = '查看文件全文';
      } else {
        link.title = '在政府网站查看原文';
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
      }
      title.appendChild(link);
    } else {
      title.appendChild(document.createTextNode(label));
    }
    if (c.status) {
      const inForce = c.status === '有效';
      title.appendChild(el('span', 'status ' + (inForce ? 'in-force' : 'not-in-force'), c.status));
    }
    li.appendChild(title);
    const meta = [c.issuer, c.date].filter((v) => typeof v === 'string' && v.length > 0);
    if (meta.length > 0) {
      li.appendChild(el('div', 'source-meta', meta.join(' · ')));
    }
    if (c.snippet) {
      li.appendChild(snippetNode(c.snippet));
    }
    return li;
  }

  function sourceList(items) {
    const ul = el('ul', 'sources');
    for (const item of items) {
      ul.appendChild(sourceNode(item));
    }
    return ul;
  }

  /**
   * The configuration the page shows, as GET /api/v1/chat/settings gave it; empty until it came
   * (or when it could not be read: the page then shows no number).
   */
  let settings = {};
  const settingsLoaded = (async () => {
    try {
      const response = await fetch(SETTINGS_URL, { headers: { Accept: 'application/json' } });
      const body = response.ok ? await response.json() : null;
      if (body && typeof body === 'object') {
        settings = body;
      }
    } catch (e) {
      // Shown without the number; answers still work.
    }
    if (settings.hotline) {
      const note = document.getElementById('hotline-note');
      note.replaceChildren(document.createTextNode('也可拨打 '), hotlineLink(), document.createTextNode(' 咨询。'));
      note.hidden = false;
    }
  })();

  // 热点问题: the answered questions most asked lately (GET /api/v1/chat/hot), as buttons that ask
  // them. Nothing is shown when there are none yet or they cannot be read.
  const HOT_URL = '/api/v1/chat/hot';
  (async () => {
    let questions = [];
    try {
      const response = await fetch(HOT_URL, { headers: { Accept: 'application/json' } });
      const body = response.ok ? await response.json() : null;
      questions = body && Array.isArray(body.questions) ? body.questions : [];
    } catch (e) {
      return;
    }
    const items = questions.filter((q) => q && typeof q.question === 'string' && q.question.trim())
      .map((q) => {
        const li = el('li');
        const button = el('button', 'hot-question', q.question);
        button.type = 'button';
        button.addEventListener('click', () => {
          if (send.disabled) {
            return;
          }
          input.value = q.question;
          form.requestSubmit();
        });
        li.appendChild(button);
        return li;
      });
    if (items.length > 0) {
      document.getElementById('hot-list').replaceChildren(...items);
      document.getElementById('hot-questions').hidden = false;
    }
  })();

  /** The office's hotline as a tel: link (its digits and +), for a tap on a phone to call. */
  function hotlineLink() {
    const a = el('a', 'hotline', settings.hotline);
    a.href = 'tel:' + String(settings.hotline).replace(/[^0-9+]/g, '');
    return a;
  }

  /**
   * How well an answer matched, in words a citizen understands, against the configured answer
   * threshold t (the number itself is for the staff, whose console shows it): 高 from halfway
   * between t and 1, 中 from t, 低 below t. Null while the threshold is not known.
   */
  function matchLevel(confidence) {
    const t = Number(settings.answerThreshold);
    const c = Number(confidence);
    if (!Number.isFinite(t) || !Number.isFinite(c) || typeof settings.answerThreshold !== 'number') {
      return null;
    }
    return c >= t + (1 - t) / 2 ? '高' : c >= t ? '中' : '低';
  }

  function answerNode(a) {
    const box = el('div', 'message bot');
    const question = typeof a.question === 'string' ? a.question : '';
    if (a.answered) {
      box.appendChild(el('p', 'answer-text', a.answer));
      if (Array.isArray(a.citations) && a.citations.length > 0) {
        // An FAQ answer already ends with its legal basis (依据); its citation is the FAQ entry.
        box.appendChild(el('p', 'section-title', a.source === 'FAQ' ? '来源' : '依据'));
        box.appendChild(sourceList(a.citations));
      }
      const match = matchLevel(a.confidence);
      if (match) {
        box.appendChild(el('p', 'confidence', '匹配程度：' + match));
      }
      if (question) {
        box.appendChild(escalation(question, false));
      }
    } else {
      box.appendChild(el('p', 'unsure', '暂时无法确定答案'));
      const candidates = Array.isArray(a.candidates) ? a.candidates : [];
      if (candidates.length > 0) {
        box.appendChild(el('p', 'section-title', '以下内容可能相关，请参考：'));
        box.appendChild(sourceList(candidates));
      } else {
        const none = el('p', null, '没有找到相关内容。请换一种说法，或提交给工作人员答复。');
        if (settings.hotline) {
          none.appendChild(document.createTextNode('也可拨打 '));
          none.appendChild(hotlineLink());
          none.appendChild(document.createTextNode(' 咨询。'));
        }
        box.appendChild(none);
      }
      if (question && a.ticket && a.ticket.offered) {
        box.appendChild(escalation(question, true));
      }
    }
    return box;
  }

  // ------------------------------------------------------------------ tickets

  /** The tickets this browser created: [{code, key}], the valid ones only. */
  function storedTickets() {
    try {
      const list = JSON.parse(localStorage.getItem(TICKETS_KEY) || '[]');
      return Array.isArray(list) ? list.filter((t) => t && CODE_PATTERN.test(t.code) && KEY_PATTERN.test(t.key)) : [];
    } catch (e) {
      return [];
    }
  }

  function keepTicket(code, key) {
    try {
      const list = storedTickets().filter((t) => t.code !== code);
      list.push({ code: code, key: key });
      localStorage.setItem(TICKETS_KEY, JSON.stringify(list));
    } catch (e) {
      // Storage disabled: the citizen has the code and key on screen to note down.
    }
  }

  /** A checkbox or input inside a label, with the label's text after (checkbox) or before it. */
  function field(type, labelText, name) {
    const label = el('label');
    const input = document.createElement('input');
    input.type = type;
    input.name = name;
    if (type === 'checkbox') {
      label.appendChild(input);
      label.appendChild(document.createTextNode(' ' + labelText));
    } else {
      label.appendChild(document.createTextNode(labelText));
      label.appendChild(input);
    }
    return { label: label, input: input };
  }

  /** Whether the hand-to-staff form has been shown in this conversation (it is shown open once). */
  let handOffShown = false;

  /**
   * The offer to hand a question to the staff: shown at once when the bot was not sure (the first
   * time; later behind a 转人工 button), behind a "没有帮助" button after an answer. Contact details
   * are optional and sent only with consent.
   */
  function escalation(question, openNow) {
    const box = el('div', 'escalate');
    const form = el('div', 'escalate-form');
    form.appendChild(el('p', 'intro', '可以把问题提交给工作人员，由承办部门在答复期限内答复。联系方式选填，'
      + '留下邮箱可收到答复邮件。'));
    const email = field('email', '电子邮箱（选填）', 'email');
    const phone = field('tel', '手机号（选填）', 'phone');
    const consent = field('checkbox', '同意保存以上联系方式，仅用于答复本问题', 'consent');
    const submit = el('button', 'primary submit-ticket', '提交给工作人员');
    submit.type = 'button';
    const error = el('p', 'form-error');
    for (const node of [email.label, phone.label, consent.label, submit, error]) {
      form.appendChild(node);
    }
    if (openNow && !handOffShown) {
      handOffShown = true;
      box.appendChild(form);
    } else {
      // After an answer: "没有帮助"; after a later unsure answer, the form was shown already once in
      // this conversation, so a short button reopens it for this question instead of repeating it.
      const reopen = openNow ? el('button', 'not-helpful hand-off', '转人工：提交给工作人员')
        : el('button', 'not-helpful', '没有帮助');
      reopen.type = 'button';
      reopen.addEventListener('click', () => {
        handOffShown = true;
        reopen.remove();
        box.appendChild(form);
        email.input.focus();
      });
      box.appendChild(reopen);
    }
    submit.addEventListener('click', async () => {
      error.textContent = '';
      const contact = { email: email.input.value.trim(), phone: phone.input.value.trim(), consent: consent.input.checked };
      const hasContact = contact.email.length > 0 || contact.phone.length > 0;
      if (hasContact && !contact.consent) {
        error.textContent = '留下联系方式需要勾选同意；也可以不留联系方式，凭编号和查询码查看答复。';
        return;
      }
      const body = { question: question, channel: 'web' };
      const session = storedSession();
      if (session) {
        body.session = session;
      }
      if (hasContact) {
        body.contact = { consent: true };
        if (contact.email) {
          body.contact.email = contact.email;
        }
        if (contact.phone) {
          body.contact.phone = contact.phone;
        }
      }
      submit.disabled = true;
      try {
        const response = await fetch(TICKETS_URL, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        let created = null;
        try {
          created = await response.json();
        } catch (e) {
          created = null;
        }
        if (response.status === 201 && created && CODE_PATTERN.test(created.code) && KEY_PATTERN.test(created.key)) {
          keepTicket(created.code, created.key);
          createdCodes.add(created.code);
          box.replaceChildren(createdNode(created));
          refreshTickets();
          return;
        }
        error.textContent = errorText(response.status, created, response.headers.get('Retry-After'))
          .replace('提问', '提交').replace('问题无法提交', '无法提交');
      } catch (e) {
        error.textContent = '网络连接失败，请检查网络后再试。';
      } finally {
        submit.disabled = false;
      }
    });
    return box;
  }

  /** The new ticket's code and key, shown once, with the advice to keep them. */
  function createdNode(t) {
    const box = el('div', 'ticket-created');
    box.appendChild(el('p', null, '已提交给' + (t.department || '工作人员') + '，答复期限 ' + (t.deadline || '') + '。'));
    const code = el('p');
    code.appendChild(document.createTextNode('编号：'));
    code.appendChild(el('span', 'ticket-code', t.code));
    box.appendChild(code);
    const pin = el('p');
    pin.appendChild(document.createTextNode('查询码：'));
    pin.appendChild(el('span', 'ticket-pin', t.pin || ''));
    box.appendChild(pin);
    box.appendChild(el('p', 'keep-note', '请保存好编号和查询码（查询码只显示这一次），凭它们在“办件查询”页或拨打热线'
      + '查看办理进度和答复；留下了手机号或邮箱的，也可凭编号和手机号或邮箱查询。本浏览器也会记住这张工单，显示在上方“我的工单”中。'));
    // The long key stays for links: this one opens the ticket on /track from any device, no typing.
    const link = el('a', 'ticket-link', '办件查询：查看这张工单');
    link.href = '/track#' + encodeURIComponent(t.code) + '&key=' + encodeURIComponent(t.key);
    const linkLine = el('p');
    linkLine.appendChild(link);
    box.appendChild(linkLine);
    return box;
  }

  /** An officer's answer in the conversation; seq is its stored message's, when known. */
  function showOfficerAnswer(code, text, seq) {
    if (shownAnswers.has(code)) {
      return;
    }
    shownAnswers.add(code);
    shownLive('officer', text, seq);
    show(officerNode(code, text));
  }

  function officerNode(code, text) {
    const box = el('div', 'message officer');
    box.appendChild(el('p', 'officer-title', code ? '工作人员答复（编号 ' + code + '）' : '工作人员答复'));
    box.appendChild(el('p', 'answer-text', text));
    return box;
  }

  // ------------------------------------------------------------------ history

  /** The seqs of the stored messages this page shows. */
  const shownSeqs = new Set();
  /**
   * Messages this page showed as they happened, whose seq it was not told: {role, text}. A history
   * frame (after a reconnect) holds them too, and must not show them a second time.
   */
  const unsynced = [];
  /** Tickets created from this page: the conversation's line announcing each is already shown. */
  const createdCodes = new Set();

  function shownLive(role, text, seq) {
    if (Number.isInteger(seq)) {
      shownSeqs.add(seq);
    } else {
      unsynced.push({ role: role, text: text });
    }
  }

  /** Whether this page already shows a stored message: by seq, by its live twin, or as a created ticket. */
  function alreadyShown(m) {
    if (shownSeqs.has(m.seq)) {
      return true;
    }
    const twin = unsynced.findIndex((u) => u.role === m.role && u.text === m.text);
    if (twin >= 0) {
      unsynced.splice(twin, 1);
      return true;
    }
    return m.role === 'bot' && m.answered == null
      && Array.from(createdCodes).some((code) => m.text.includes(code));
  }

  /** A stored message as the page showed it when it happened. */
  function historyNode(m, question) {
    if (m.role === 'citizen') {
      return el('div', 'message user', m.text);
    }
    if (m.role === 'officer') {
      return officerNode(null, m.text);
    }
    if (m.answered == null) {
      // The conversation's own notes, such as the line announcing a ticket.
      return el('div', 'message bot', m.text);
    }
    const sources = Array.isArray(m.citations) ? m.citations : [];
    return answerNode({
      answered: m.answered, answer: m.text, confidence: m.confidence, question: question,
      citations: m.answered ? sources : [], candidates: m.answered ? [] : sources,
    });
  }

  /**
   * The server's history frame (on every (re)connection that resumes this tab's conversation):
   * the messages not shown yet, in order. After a reload that is all of them; after a dropped
   * connection, what arrived meanwhile (an officer's answer whose push was missed).
   */
  function showHistory(messages) {
    const questions = new Map();
    let last = null;
    for (const m of messages) {
      if (!m || typeof m.text !== 'string' || !Number.isInteger(m.seq)) {
        continue;
      }
      if (m.role === 'citizen') {
        questions.set(m.seq, m.text);
      }
      if (alreadyShown(m)) {
        shownSeqs.add(m.seq);
        continue;
      }
      shownSeqs.add(m.seq);
      last = historyNode(m, questions.get(m.replyTo) || '');
      conversation.appendChild(last);
    }
    if (last) {
      last.scrollIntoView({ block: 'end' });
    }
  }

  const myTickets = document.getElementById('my-tickets');
  const ticketList = document.getElementById('ticket-list');
  /** Tickets whose answer this page already shows in the conversation. */
  const shownAnswers = new Set();
  /** The last status seen of each ticket, to notice an answer arriving while the page is open. */
  const lastStatus = new Map();
  let pollTimer = null;

  function ticketItem(code, view, key) {
    const li = el('li');
    li.dataset.code = code;
    const head = el('div');
    head.appendChild(el('span', 'ticket-code', code));
    if (!view) {
      head.appendChild(el('span', 'ticket-status', '暂时无法查询'));
      li.appendChild(head);
      return li;
    }
    head.appendChild(el('span', 'ticket-status', STATUS_LABELS[view.status] || view.status));
    li.appendChild(head);
    li.appendChild(el('div', 'source-meta', (view.department || '') + ' · 答复期限 ' + (view.deadline || '')));
    if (view.status === 'correction' && typeof view.note === 'string' && view.note.length > 0) {
      li.appendChild(el('p', 'ticket-answer', '请补充：' + view.note));
    }
    if (typeof view.answer === 'string' && view.answer.length > 0) {
      li.appendChild(el('p', 'ticket-answer', '答复：' + view.answer));
    }
    if (view.status === 'answered' && key && window.WenzhengRating) {
      li.appendChild(window.WenzhengRating.form(code, { key: key }));
    }
    return li;
  }

  /** Reads every stored ticket with its key and shows them; polls while one is still open. */
  async function refreshTickets() {
    const tickets = storedTickets();
    if (tickets.length === 0) {
      return;
    }
    const items = [];
    let pending = false;
    const keep = [];
    for (const t of tickets) {
      let view = null;
      try {
        const response = await fetch(TICKETS_URL + '/' + encodeURIComponent(t.code) + '?key='
          + encodeURIComponent(t.key), { headers: { Accept: 'application/json' } });
        if (response.status === 404) {
          continue; // Not known (any more) with this key: forget it.
        }
        if (response.ok) {
          view = await response.json();
        }
      } catch (e) {
        view = null;
      }
      keep.push(t);
      items.push(ticketItem(t.code, view, t.key));
      if (!view || view.status === 'open' || view.status === 'correction') {
        pending = true;
      }
      if (view && view.status === 'answered' && lastStatus.get(t.code) && lastStatus.get(t.code) !== 'answered') {
        showOfficerAnswer(t.code, view.answer || '');
      }
      if (view) {
        lastStatus.set(t.code, view.status);
      }
    }
    if (keep.length !== tickets.length) {
      try {
        localStorage.setItem(TICKETS_KEY, JSON.stringify(keep));
      } catch (e) {
        // See keepTicket.
      }
    }
    ticketList.replaceChildren(...items);
    myTickets.hidden = items.length === 0;
    if (items.length > 0 && pending) {
      myTickets.open = true;
    }
    if (pending && pollTimer === null) {
      pollTimer = setInterval(refreshTickets, TICKET_POLL_MS);
    } else if (!pending && pollTimer !== null) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
  }

  /** A user-facing sentence for a failed request: the server's own message where it has one. */
  function errorText(status, body, retryAfter) {
    if (status === 429) {
      return '提问太频繁了，请' + (retryAfter ? ' ' + retryAfter + ' 秒后' : '稍后') + '再试。';
    }
    if (status === 503) {
      return '系统繁忙，请稍后再试。';
    }
    if (status === 400 && body && body.error && body.error.message) {
      return '问题无法提交：' + body.error.message;
    }
    return '出错了，请稍后再试。';
  }

  function show(node) {
    conversation.appendChild(node);
    node.scrollIntoView({ block: 'end', behavior: 'smooth' });
  }

  function askBody(question) {
    const body = { question: question, channel: 'web' };
    const session = storedSession();
    if (session) {
      body.session = session;
    }
    return body;
  }

  /** The answer from POST /api/v1/ask: the way when the socket is not open. */
  async function askOverHttp(question) {
    try {
      const response = await fetch(ASK_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(askBody(question)),
      });
      let body = null;
      try {
        body = await response.json();
      } catch (e) {
        body = null;
      }
      if (response.ok && body) {
        keepSession(body.session);
        shownLive('bot', body.answer || '');
        return answerNode(body);
      }
      return el('div', 'message bot error', errorText(response.status, body, response.headers.get('Retry-After')));
    } catch (e) {
      return el('div', 'message bot error', '网络连接失败，请检查网络后再试。');
    }
  }

  /** The error codes of the chat, as the HTTP statuses errorText knows them by. */
  const CHAT_ERROR_STATUS = { rate_limited: 429, overloaded: 503, unavailable: 503, invalid_field: 400 };

  /**
   * The chat socket: opened at once, reopened with backoff when it drops, and on each opening told
   * to resume this tab's conversation, so that answers given later (an officer's) reach this page.
   * One request at a time is outstanding (the form sends one question at a time, and a resume is
   * answered before a question is sent): the next answer, history or error frame is its reply.
   */
  const chat = (function () {
    let socket = null;
    let open = false;
    let delay = RECONNECT_FIRST_MS;
    let waiting = null; // { resolve } of the outstanding request
    let resuming = null; // a promise while a resume is unanswered

    function url() {
      return (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + CHAT_PATH;
    }

    function settle(frame) {
      const w = waiting;
      waiting = null;
      if (w) {
        w.resolve(frame);
      }
    }

    function request(frame) {
      return new Promise((resolve) => {
        waiting = { resolve: resolve };
        socket.send(JSON.stringify(frame));
      });
    }

    function connect() {
      if (!('WebSocket' in window)) {
        return;
      }
      try {
        socket = new WebSocket(url());
      } catch (e) {
        return;
      }
      socket.addEventListener('open', () => {
        open = true;
        delay = RECONNECT_FIRST_MS;
        const session = storedSession();
        if (session) {
          resuming = request({ type: 'resume', session: session }).then((reply) => {
            if (reply && reply.type === 'error' && reply.error && reply.error.code === 'not_found') {
              // Gone on the server (or never there): the next question starts a conversation.
              try {
                sessionStorage.removeItem(SESSION_KEY);
              } catch (e) {
                // Storage disabled: nothing was kept.
              }
            }
            if (reply && reply.type === 'history' && Array.isArray(reply.messages)) {
              showHistory(reply.messages);
            }
            resuming = null;
          });
        }
      });
      socket.addEventListener('message', (event) => {
        let frame = null;
        try {
          frame = JSON.parse(event.data);
        } catch (e) {
          return;
        }
        if (!frame || typeof frame.type !== 'string') {
          return;
        }
        if (frame.type === 'session') {
          keepSession(frame.session);
        } else if (frame.type === 'answer' || frame.type === 'history' || frame.type === 'error') {
          settle(frame);
        } else if (frame.type === 'ticket_answer' && typeof frame.ticket === 'string'
            && typeof frame.text === 'string') {
          // Pushed at any time, not a reply to a request.
          showOfficerAnswer(frame.ticket, frame.text, frame.seq);
          refreshTickets();
        }
      });
      socket.addEventListener('close', () => {
        open = false;
        socket = null;
        settle(null);
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, RECONNECT_MAX_MS);
      });
    }

    return {
      connect: connect,
      isOpen: () => open,
      /** The reply frame to a question, or null when the socket closed before it came. */
      ask: async (question) => {
        if (resuming) {
          await resuming;
        }
        if (!open) {
          return null;
        }
        return request({ type: 'ask', question: question, channel: 'web' });
      },
    };
  })();

  async function ask(question) {
    const pending = el('div', 'message bot pending', '正在查找相关政策…');
    show(pending);
    await settingsLoaded;
    let node;
    if (chat.isOpen()) {
      const reply = await chat.ask(question);
      if (reply && reply.type === 'answer') {
        keepSession(reply.session);
        shownLive('bot', reply.answer || '');
        node = answerNode(reply);
      } else if (reply && reply.type === 'error') {
        const code = reply.error && reply.error.code;
        node = el('div', 'message bot error', errorText(CHAT_ERROR_STATUS[code] || 0, reply, null));
      } else {
        // The socket closed before the answer: the question may or may not have been answered.
        node = el('div', 'message bot error', '连接中断，请稍后重新提问。');
      }
    } else {
      node = await askOverHttp(question);
    }
    pending.remove();
    show(node);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) {
      input.focus();
      return;
    }
    show(el('div', 'message user', question));
    // Remembered whatever the reply: a question whose answering failed is still stored.
    shownLive('citizen', question);
    input.value = '';
    send.disabled = true;
    try {
      await ask(question);
    } finally {
      send.disabled = false;
      input.focus();
    }
  });

  // Enter sends, Shift+Enter starts a new line (as in chat apps); not while composing with an IME.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  chat.connect();
  refreshTickets();
})();
