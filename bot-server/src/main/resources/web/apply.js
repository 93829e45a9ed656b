// 政府信息公开申请 (/apply): the application form of Art. 29 of the regulation. The fields a legal
// person adds are shown only for 法人或其他组织; what the server refuses is shown under the field it
// names (error.field), so the applicant sees where to correct.
(function () {
  'use strict';

  const form = document.getElementById('application-form');
  const legalFields = document.getElementById('legal-fields');
  const nameLabel = document.getElementById('name-label');
  const idRequired = document.getElementById('id-required');
  const idNumberRequired = document.getElementById('id-number-required');
  const emailRequired = document.getElementById('email-required');
  const addressRequired = document.getElementById('address-required');
  const error = document.getElementById('apply-error');
  const submit = document.getElementById('apply-submit');
  const result = document.getElementById('apply-result');
  const TEXT_FIELDS = ['organisationType', 'organisation', 'creditCode', 'name', 'idType', 'idNumber', 'phone',
    'email', 'address', 'request', 'docReference', 'form', 'delivery'];

  function input(name) {
    return form.elements[name];
  }

  function applicantType() {
    const checked = form.querySelector('input[name="applicantType"]:checked');
    return checked ? checked.value : '';
  }

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

  // What depends on the applicant type and the delivery: the legal person's fields, whether an ID
  // is required, whether an e-mail address or a postal address is.
  function refresh() {
    const legal = applicantType() === '法人或其他组织';
    legalFields.hidden = !legal;
    nameLabel.textContent = legal ? '联系人姓名' : '姓名';
    idRequired.textContent = legal ? '（选填）' : ' *';
    idNumberRequired.textContent = legal ? '（选填）' : ' *';
    const byMail = input('form').value === '电子邮件' || input('delivery').value === '电子邮件';
    emailRequired.textContent = byMail ? ' *' : '（选填）';
    addressRequired.textContent = input('delivery').value === '邮寄' ? ' *' : '（选填）';
  }

  function clearErrors() {
    error.textContent = '';
    form.querySelectorAll('.field-error').forEach((p) => { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((f) => f.removeAttribute('aria-invalid'));
  }

  function fail(message, field) {
    const target = document.getElementById(field + '-error');
    const control = field === 'applicantType' ? form.querySelector('input[name="applicantType"]')
      : field ? input(field) : null;
    if (target && control) {
      target.textContent = message;
      control.setAttribute('aria-invalid', 'true');
      control.focus();
    } else {
      error.textContent = message;
    }
  }

  function row(list, label, value, className) {
    list.appendChild(el('dt', null, label));
    list.appendChild(el('dd', className, value));
  }

  // The code, the 查询码 and the receipt's link with the long key: shown this once.
  function done(view) {
    const heading = el('h2', null, '申请已收到，编号 ');
    heading.appendChild(el('span', 'ticket-code', view.code));
    const list = el('dl', 'track-facts');
    row(list, '收到日期', view.receivedOn, 'application-received');
    row(list, '答复期限', view.deadline + '（' + view.answerDays + ' 个工作日）', 'ticket-deadline');
    row(list, '办理机关', view.department, 'ticket-department');
    row(list, '查询码', view.pin, 'ticket-pin');
    const keep = el('p', 'letter-keep', '请记下编号和查询码（只显示这一次），凭它们在“办件查询”查看办理进度和答复。'
      + '请打开并保存受理回执。');
    const receipt = el('a', 'letter-track', '查看并打印受理回执');
    receipt.id = 'apply-receipt-link';
    receipt.href = view.receipt;
    result.replaceChildren(heading, list, keep, receipt);
    result.hidden = false;
    form.hidden = true;
    result.focus();
  }

  form.addEventListener('change', refresh);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    const legal = applicantType() === '法人或其他组织';
    const body = { applicantType: applicantType(), consent: input('consent').checked };
    TEXT_FIELDS.forEach((f) => {
      const v = input(f).value.trim();
      const legalOnly = f === 'organisationType' || f === 'organisation' || f === 'creditCode';
      if (legalOnly && !legal) {
        return;
      }
      if (legal && f === 'idType' && !input('idNumber').value.trim()) {
        return;
      }
      if (v) {
        body[f] = v;
      }
    });
    submit.disabled = true;
    try {
      const response = await fetch('/api/v1/applications', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body)
      });
      const answer = await response.json().catch(() => null);
      if (response.ok && answer && answer.code) {
        done(answer);
      } else {
        const e = answer && answer.error;
        fail(e && e.message ? e.message : '暂时无法提交，请稍后再试。', e && e.field);
      }
    } catch (e) {
      fail('网络连接失败，请检查网络后再试。您填写的内容还在，可以稍后再提交。');
    } finally {
      submit.disabled = false;
    }
  });
  refresh();
})();
