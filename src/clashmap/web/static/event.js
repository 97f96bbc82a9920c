/* Event page: hovering or focusing a field's row lights up that field's evidence in the article. */
(function () {
  'use strict';
  document.querySelectorAll('#fields tr[data-field]').forEach(function (row) {
    var field = row.getAttribute('data-field');
    var marks = document.querySelectorAll('mark.ev[data-fields~="' + CSS.escape(field) + '"]');
    if (!marks.length) return;
    row.classList.add('has-evidence');
    row.tabIndex = 0;
    function on() { marks.forEach(function (m) { m.classList.add('hot'); }); }
    function off() { marks.forEach(function (m) { m.classList.remove('hot'); }); }
    row.addEventListener('mouseenter', on);
    row.addEventListener('mouseleave', off);
    row.addEventListener('focus', function () { on(); marks[0].scrollIntoView({block: 'nearest'}); });
    row.addEventListener('blur', off);
  });
})();
