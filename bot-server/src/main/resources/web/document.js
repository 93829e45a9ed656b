// 问政 document page (/documents/{id}?article={passageId}): the full text of a cited document, read
// from GET /api/v1/documents/{id}, with the cited article highlighted and scrolled into view. As on
// the chat page, everything from the server is inserted as text, never parsed as HTML.
'use strict';

(function () {
  const DOCUMENTS_URL = '/api/v1/documents/';
  const PAGE_PREFIX = '/documents/';
  const main = document.getElementById('document');

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

  /** The document id of this page's address, or null when the address holds none. */
  function documentId() {
    const path = location.pathname;
    if (!path.startsWith(PAGE_PREFIX)) {
      return null;
    }
    try {
      const id = decodeURIComponent(path.slice(PAGE_PREFIX.length));
      return id.length > 0 ? id : null;
    } catch (e) {
      return null;
    }
  }

  function failed(text) {
    main.replaceChildren(el('p', 'doc-status error', text));
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

  function render(d, cited) {
    const nodes = [];
    const title = el('h2', 'doc-title', '《' + (d.title || '') + '》');
    if (d.status) {
      title.appendChild(el('span', 'status ' + (d.status === '有效' ? 'in-force' : 'not-in-force'), d.status));
    }
    nodes.push(title);
    const meta = [d.docNumber, d.issuer, d.date].filter((v) => typeof v === 'string' && v.length > 0);
    if (meta.length > 0) {
      nodes.push(el('p', 'source-meta', meta.join(' · ')));
    }
    const official = webUrl(d.url);
    if (official) {
      const p = el('p', 'source-meta');
      const a = el('a', 'official', '在政府网站查看原文');
      a.href = official;
      a.rel = 'noopener noreferrer';
      p.appendChild(a);
      nodes.push(p);
    }
    let citedNode = null;
    for (const passage of Array.isArray(d.passages) ? d.passages : []) {
      const section = el('section', 'passage');
      if (passage.chapter) {
        section.appendChild(el('p', 'passage-chapter', passage.chapter));
      }
      if (passage.label) {
        section.appendChild(el('h3', 'passage-label', passage.label));
      }
      section.appendChild(el('p', 'passage-text', passage.text));
      if (cited && passage.id === cited) {
        section.classList.add('cited');
        section.setAttribute('aria-current', 'true');
        section.insertBefore(el('p', 'cited-note', '回答引用的条款'), section.firstChild);
        citedNode = section;
      }
      nodes.push(section);
    }
    main.replaceChildren(...nodes);
    document.title = '问政 · ' + (d.title || '政策文件');
    if (citedNode) {
      citedNode.tabIndex = -1;
      citedNode.scrollIntoView({ block: 'start' });
      citedNode.focus({ preventScroll: true });
    }
  }

  async function load() {
    const id = documentId();
    if (!id) {
      failed('没有指定要查看的文件。');
      return;
    }
    const cited = new URLSearchParams(location.search).get('article');
    try {
      const response = await fetch(DOCUMENTS_URL + encodeURIComponent(id), { headers: { Accept: 'application/json' } });
      if (response.status === 404) {
        failed('没有找到这份文件，它可能已被更新或移除。');
        return;
      }
      if (!response.ok) {
        failed('文件暂时无法打开，请稍后再试。');
        return;
      }
      render(await response.json(), cited);
    } catch (e) {
      failed('网络连接失败，请检查网络后再试。');
    }
  }

  load();
})();
