const id: number = 1;
// ruleid: sg.template.any-substitution
db.query(`SELECT * FROM users WHERE id = ${id as number}`);
// ok: sg.template.any-substitution
db.query(`SELECT 1`);
// ruleid: sg.template.select-of
sql.run(`SELECT * FROM ${table!}`);
// ok: sg.template.select-of
sql.run(`SELECT id FROM ${table}`);
// ruleid: sg.template.ends-with
fetch(`/items/${itemId}`);
// ok: sg.template.ends-with
fetch(`/items/${itemId}/x`);
