// ruleid: sg.template.any-substitution
db.query(`SELECT * FROM users WHERE id = ${id}`);
// ruleid: sg.template.any-substitution
db.query(`${a} and ${b}`);
// ok: sg.template.any-substitution
db.query(`SELECT 1`);
// ok: sg.template.any-substitution
db.query("SELECT * FROM users WHERE id = " + id);

// ruleid: sg.template.select-of
sql.run(`SELECT * FROM ${table}`);
// ok: sg.template.select-of
sql.run(`SELECT id FROM ${table}`);
// ok: sg.template.select-of
sql.run(`SELECT * FROM ${table} WHERE x = 1`);

// ruleid: sg.template.ends-with
fetch(`https://api.example/items/${itemId}`);
// ruleid: sg.template.ends-with
fetch(`${itemId}`);
// ok: sg.template.ends-with
fetch(`https://api.example/items/${itemId}/detail`);
