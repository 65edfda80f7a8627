const session = require('express-session');
const app = require('express')();
app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));
