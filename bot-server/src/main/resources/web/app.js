// 问政 citizen chat: asks over the WebSocket /ws/chat (falling back to POST /api/v1/ask while the
// socket cannot open) and shows the answer with its sources.
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

  /** One source: 《title》article, status badge, number / issuer / date, snippet. */
  function sourceNode(c) {
    const li = el('li', 'source');
    const title = el('div', 'source-title');
    title.appendChild(document.createTextNode('《' + (c.title || '') + '》' + (c.article || '')));
    if (c.status) {
      const inForce = c.status === '有效';
      title.appendChild(el('span', 'status ' + (inForce ? 'in-force' : 'not-in-force'), c.status));
    }
    li.appendChild(title);
    const meta = [c.docNumber, c.issuer, c.date].filter((v) => typeof v === 'string' && v.length > 0);
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

  function answerNode(a) {
    const box = el('div', 'message bot');
    if (a.answered) {
      box.appendChild(el('p', 'answer-text', a.answer));
      if (Array.isArray(a.citations) && a.citations.length > 0) {
        // An FAQ answer already ends with its legal basis (依据); its citation is the FAQ entry.
        box.appendChild(el('p', 'section-title', a.source === 'FAQ' ? '来源' : '依据'));
        box.appendChild(sourceList(a.citations));
      }
      box.appendChild(el('p', 'confidence', '置信度 ' + Number(a.confidence || 0).toFixed(2)));
    } else {
      box.appendChild(el('p', 'unsure', '暂时无法确定答案'));
      const candidates = Array.isArray(a.candidates) ? a.candidates : [];
      if (candidates.length > 0) {
        box.appendChild(el('p', 'section-title', '以下内容可能相关，请参考：'));
        box.appendChild(sourceList(candidates));
      } else {
        box.appendChild(el('p', null, '没有找到相关内容。请换一种说法，或拨打热线咨询工作人员。'));
      }
    }
    return box;
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
    let node;
    if (chat.isOpen()) {
      const reply = await chat.ask(question);
      if (reply && reply.type === 'answer') {
        keepSession(reply.session);
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
})();
