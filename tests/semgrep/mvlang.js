const el = document.getElementById('out');
// ruleid: sg.mvlang.inline-script
el.innerHTML = "<script src='x.js'></script>";
// ok: sg.mvlang.inline-script
el.innerHTML = "<b>script</b>";
// ruleid: sg.mvlang.inline-script
el.innerHTML = '<div><script>go()</script></div>';
// ok: sg.mvlang.inline-script
el.textContent = "<script>go()</script>";

// ruleid: sg.mvlang.delete-all
db.query("DELETE FROM sessions");
// ok: sg.mvlang.delete-all
db.query("DELETE FROM sessions WHERE id = ?", [id]);
// ruleid: sg.mvlang.delete-all
await client.query('DELETE FROM audit_log');
// ok: sg.mvlang.delete-all
db.query("SELECT * FROM sessions");

// ruleid: sg.mvlang.same-language
setTimeout('refresh()', 10);
// ok: sg.mvlang.same-language
setTimeout(refresh, 10);

// ruleid: sg.mvlang.html-iframe
el.insertAdjacentHTML('beforeend', '<div><iframe width="1" src="https://example.com/x"></iframe></div>');
// ok: sg.mvlang.html-iframe
el.insertAdjacentHTML('beforeend', '<div><img src="a.png"></div>');
