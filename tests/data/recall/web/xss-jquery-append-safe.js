$(document).ready(function () {
  const tag = new URLSearchParams(location.search).get('tag');
  const $list = $('#tags');
  $list.append($('<li class="tag">').text(tag));
});
