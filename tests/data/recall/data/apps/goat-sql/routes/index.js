const express = require('express');
const users = require('../controllers/users');
const router = express.Router();

router.post('/login', users.login);
router.get('/profile/:id', users.profile);
module.exports = router;
