// Tables wider than the screen (.table-wrap scrolls sideways, on phones): a visible hint above the
// table (左右滑动查看更多列) and a shadow on the edge where more columns are hidden, so nobody takes
// the first columns for the whole table. Kept up to date as the window or the table changes.
'use strict';

(function () {
  const HINT = '左右滑动查看更多列';

  function update(wrap, hint) {
    const hidden = wrap.scrollWidth - wrap.clientWidth;
    const scrolls = hidden > 1;
    hint.hidden = !scrolls;
    wrap.classList.toggle('more-right', scrolls && wrap.scrollLeft < hidden - 1);
    wrap.classList.toggle('more-left', scrolls && wrap.scrollLeft > 1);
    // A keyboard user scrolls it with the arrow keys once it has focus (WCAG 2.1.1): a tab stop
    // only while it scrolls, named as a region so a screen reader says what the stop is.
    if (scrolls) {
      wrap.tabIndex = 0;
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-label', '表格（' + HINT + '）');
    } else {
      wrap.removeAttribute('tabindex');
      wrap.removeAttribute('role');
      wrap.removeAttribute('aria-label');
    }
  }

  const watched = new WeakSet();

  function watch(wrap) {
    if (watched.has(wrap)) {
      return;
    }
    watched.add(wrap);
    const hint = document.createElement('p');
    hint.className = 'scroll-hint';
    hint.textContent = HINT;
    hint.hidden = true;
    wrap.parentNode.insertBefore(hint, wrap);
    const again = () => update(wrap, hint);
    wrap.addEventListener('scroll', again, { passive: true });
    new ResizeObserver(again).observe(wrap);
    const table = wrap.querySelector('table');
    if (table) {
      new ResizeObserver(again).observe(table);
    }
    again();
  }

  document.querySelectorAll('.table-wrap').forEach(watch);
  // Tables the page builds later (the reports) get the same hint and keyboard access.
  new MutationObserver(() => document.querySelectorAll('.table-wrap').forEach(watch))
    .observe(document.body, { childList: true, subtree: true });
})();
