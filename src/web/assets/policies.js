/* global document, window */
// On narrow screens, fold the filters at first so the results come right after the search box.
(function () {
  var details = document.querySelector('.policy-list .filters');
  if (details && window.matchMedia('(max-width: 55.99rem)').matches) {
    details.removeAttribute('open');
  }
})();
