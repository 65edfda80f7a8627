// ok: sg.cmp.superuser-port
setPort(443);
// ruleid: sg.cmp.superuser-port
setPort(80);
// ok: sg.cmp.superuser-port
setPort(8080);
// ok: sg.cmp.superuser-port
setPort(name);

// ruleid: sg.cmp.excessive-permissions
setPermissions(0o700);
// ok: sg.cmp.excessive-permissions
setPermissions(0o400);
// ruleid: sg.cmp.excessive-permissions
setPermissions(0777);

// ruleid: sg.cmp.int-overflow
parseInt("2147483648");
// ok: sg.cmp.int-overflow
parseInt("2147483646");
// ok: sg.cmp.int-overflow
parseInt("abc");

// ruleid: sg.cmp.weak-curve
generateKeyPair("ec", {namedCurve: "secp192k1"});
// ruleid: sg.cmp.weak-curve
generateKeyPair("ec", {namedCurve: "secp160r"});
// ok: sg.cmp.weak-curve
generateKeyPair("ec", {namedCurve: "prime256v1"});

// ruleid: sg.cmp.expired
expires("2020-01-31");
// ok: sg.cmp.expired
expires("2099-12-31");
// ok: sg.cmp.expired
expires("soon");

// ruleid: sg.cmp.str-name
app.debug = true;
// ruleid: sg.cmp.str-name
server.debug = true;
// ok: sg.cmp.str-name
worker.debug = true;
