$(document).ready(function () {
  var target = window.location.hash;
  $(target).addClass('highlight');
});
