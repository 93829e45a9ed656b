// 受理回执 (/apply/receipt): the print button; the page itself is complete without it.
(function () {
  'use strict';
  const button = document.getElementById('receipt-print');
  if (button) {
    button.addEventListener('click', () => window.print());
  }
})();
