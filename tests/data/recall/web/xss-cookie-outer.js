function readCookie(name) {
  const m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
  return m ? decodeURIComponent(m[1]) : null;
}

const nick = readCookie('nickname');
const slot = document.getElementById('nick');
slot.outerHTML = '<span id="nick">' + nick + '</span>';
