/* global document, navigator */
// "Use my location": only with JavaScript and a browser that can tell it. Fills the coordinates
// form and submits it; the page works the same without this script (map click or typed values).
(function () {
  var button = document.getElementById('use-location');
  var form = button && button.form;
  if (!form || !navigator.geolocation) return;
  var status = document.getElementById('location-status');
  button.hidden = false;
  button.addEventListener('click', function () {
    status.textContent = button.getAttribute('data-locating') || '';
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(5);
        form.elements.lon.value = position.coords.longitude.toFixed(5);
        form.submit();
      },
      function () {
        status.textContent = button.getAttribute('data-failed') || '';
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });
})();
