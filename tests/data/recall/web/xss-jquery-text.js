function getParam(name) {
  return new URLSearchParams(window.location.search).get(name);
}

$(function () {
  const user = getParam('user');
  $('#greeting').text('Hi, ' + user + '!');
});
