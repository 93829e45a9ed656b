// 满意度评价: the form a citizen rates an answer with (满意 / 基本满意 / 不满意, an optional comment),
// once per answer, by the ticket's key or the contact /track was opened with. Used by /track and the
// chat page's 我的工单; POST /api/v1/tickets/{code}/rating. Everything shown is inserted as text.
(function () {
  'use strict';

  const CHOICES = [
    { id: 'satisfied', name: '满意' },
    { id: 'basic', name: '基本满意' },
    { id: 'unsatisfied', name: '不满意' }
  ];
  const MAX_COMMENT = 500;
  /** The ticket's status after a rating, as /track and the chat page name them. */
  const STATUS_LABELS = { open: '办理中', answered: '已答复', closed: '已办结' };
  let counter = 0;

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

  /**
   * A rating form for the ticket's answer.
   * @param {string} code the ticket's code
   * @param {{key?: string, contact?: string}} credential what the citizen opened the ticket with
   */
  function form(code, credential) {
    const id = 'rating-' + (++counter);
    const box = el('form', 'rating');
    box.noValidate = true;
    const set = el('fieldset', 'rating-choices');
    set.appendChild(el('legend', null, '您对这次答复满意吗？'));
    CHOICES.forEach((c, i) => {
      const label = el('label', 'rating-choice');
      const input = el('input');
      input.type = 'radio';
      input.name = id;
      input.value = c.id;
      input.id = id + '-' + c.id;
      label.htmlFor = input.id;
      label.appendChild(input);
      label.appendChild(el('span', null, c.name));
      set.appendChild(label);
    });
    box.appendChild(set);
    const commentLabel = el('label', 'rating-comment-label', '意见或建议（选填）');
    commentLabel.htmlFor = id + '-comment';
    const comment = el('textarea', 'rating-comment');
    comment.id = id + '-comment';
    comment.rows = 3;
    comment.maxLength = MAX_COMMENT;
    const count = el('p', 'rating-count', '已写 0 / ' + MAX_COMMENT + ' 字');
    count.id = id + '-count';
    comment.setAttribute('aria-describedby', count.id);
    comment.addEventListener('input', () => {
      count.textContent = '已写 ' + comment.value.trim().length + ' / ' + MAX_COMMENT + ' 字';
    });
    const error = el('p', 'form-error rating-error');
    error.setAttribute('role', 'alert');
    const submit = el('button', 'rating-submit', '提交评价');
    submit.type = 'submit';
    box.append(commentLabel, comment, count, error, submit);

    box.addEventListener('submit', async (event) => {
      event.preventDefault();
      const chosen = set.querySelector('input:checked');
      if (!chosen) {
        error.textContent = '请选择满意、基本满意或不满意';
        set.querySelector('input').focus();
        return;
      }
      error.textContent = '';
      submit.disabled = true;
      const body = { rating: chosen.value, comment: comment.value };
      if (credential.key) {
        body.key = credential.key;
      } else {
        body.contact = credential.contact;
      }
      try {
        const response = await fetch('/api/v1/tickets/' + encodeURIComponent(code) + '/rating', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(body)
        });
        const answer = await response.json().catch(() => null);
        if (response.ok && answer) {
          // 不满意 reopens or closes the ticket: the status shown beside the form follows.
          const around = box.closest('section, li');
          const status = around && around.querySelector('.ticket-status');
          if (status && STATUS_LABELS[answer.status]) {
            status.textContent = STATUS_LABELS[answer.status];
          }
          const done = el('p', 'rating-done', '您的评价：' + answer.ratingName + '。' + answer.message);
          done.setAttribute('role', 'status');
          done.tabIndex = -1;
          box.replaceWith(done);
          done.focus();
          return;
        }
        const e = answer && answer.error;
        error.textContent = e && e.message ? e.message : '暂时无法提交评价，请稍后再试。';
        if (response.status === 409) {
          set.disabled = true;
          comment.disabled = true;
          submit.hidden = true;
        }
      } catch (e) {
        error.textContent = '网络连接失败，请检查网络后再试。';
      } finally {
        submit.disabled = false;
      }
    });
    return box;
  }

  window.WenzhengRating = { form: form };
})();
