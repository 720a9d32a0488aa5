// Behaviour of the administration pages (WEB.md §4.7): "링크 복사" buttons copy their data-copy text. Loaded by the
// pages that need it, possibly more than once (HTMX swaps): the one delegated listener is installed once.
(function () {
  'use strict';
  if (window.the5hcAdmin) return;
  window.the5hcAdmin = true;

  function copied(button) {
    var label = button.textContent;
    button.textContent = button.getAttribute('data-copied') || label;
    setTimeout(function () { button.textContent = label; }, 2000);
  }

  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('[data-copy]');
    if (!button) return;
    var text = button.getAttribute('data-copy');
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { copied(button); }, function () {});
      return;
    }
    // Plain HTTP on a LAN: select the link's field so the user can copy it with the keyboard.
    var field = button.parentNode.querySelector('input');
    if (field) { field.focus(); field.select(); }
  });
})();
