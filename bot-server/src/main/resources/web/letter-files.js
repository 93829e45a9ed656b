// Files attached to a letter or a 补充 (/letters and /track): the limits as the server gives them
// (GET /api/v1/letters/form), checked before sending so that a citizen hears at once which file is
// too large, and the files read as base64 for the JSON body. The server checks everything again
// (and the type by the file's contents, which a page cannot be trusted to do).
window.LetterFiles = (function () {
  'use strict';

  const TYPE_NAMES = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'application/pdf': 'PDF' };

  function size(bytes) {
    if (bytes < 1024) {
      return bytes + ' 字节';
    }
    if (bytes < 1024 * 1024) {
      return (bytes / 1024).toFixed(1) + ' KB';
    }
    return (bytes / (1024 * 1024)).toFixed(1) + ' MB';
  }

  function describe(limits) {
    if (!limits.attachments) {
      return '本信箱不接收附件。';
    }
    return '可附 ' + limits.attachmentTypes.map((t) => TYPE_NAMES[t] || t).join('、') + ' 文件，最多 '
      + limits.attachments + ' 个，每个不超过 ' + size(limits.attachmentBytes) + '，合计不超过 '
      + size(limits.attachmentsTotalBytes) + '。附件只有承办部门能看到。';
  }

  // The first thing wrong with these files, in words for the citizen; null when they may be sent.
  function problem(files, limits) {
    if (files.length > limits.attachments) {
      return '最多可附 ' + limits.attachments + ' 个文件，您选了 ' + files.length + ' 个。';
    }
    let total = 0;
    for (const f of files) {
      if (f.type && !limits.attachmentTypes.includes(f.type)) {
        return '文件“' + f.name + '”不是 JPEG、PNG 图片或 PDF 文件。';
      }
      if (f.size > limits.attachmentBytes) {
        return '文件“' + f.name + '”有 ' + size(f.size) + '，每个附件最大 ' + size(limits.attachmentBytes) + '。';
      }
      total += f.size;
    }
    if (total > limits.attachmentsTotalBytes) {
      return '附件合计 ' + size(total) + '，最多 ' + size(limits.attachmentsTotalBytes) + '。';
    }
    return null;
  }

  function read(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => {
        const url = String(reader.result);
        resolve({ name: file.name, data: url.slice(url.indexOf(',') + 1) });
      };
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  }

  function encode(files) {
    return Promise.all(Array.from(files).map(read));
  }

  // The chosen files by name and size, under the picker.
  function list(files, target) {
    target.replaceChildren(...Array.from(files).map((f) => {
      const li = document.createElement('li');
      li.textContent = f.name + '（' + size(f.size) + '）';
      return li;
    }));
  }

  return { size: size, describe: describe, problem: problem, encode: encode, list: list };
})();
