const mysql = require('mysql2');
const pool = mysql.createPool({ host: 'db.internal', user: 'app', password: 'S3cr3t!pass', database: 'shop' });
module.exports = pool;
