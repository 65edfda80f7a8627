$(function () {
  var frag = location.hash.substr(1);
  var $box = $('<div class="msg">' + decodeURIComponent(frag) + '</div>');
  $('body').append($box);
});
