// Share links (issue 15): the "링크 복사" button of a new link on the client page. The link is in the read-only
// input (x-ref="url"); the messages come from the status line's (x-ref="status") data-copied / data-failed.
(function () {
  'use strict';

  document.addEventListener('alpine:init', function () {
    Alpine.data('copyLink', function () {
      return {
        status: '',
        copy: function () {
          var input = this.$refs.url, line = this.$refs.status, self = this;
          var done = function () { self.status = line ? line.dataset.copied : ''; };
          var failed = function () {
            input.select();  // the text is selected so that a long press copies it
            self.status = line ? line.dataset.failed : '';
          };
          if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(done, failed);
          else failed();
        }
      };
    });
  });
})();
