// Express routes whose render call sits in another module: a controller
// (controllers/pages.js) and a render helper (lib/render-page.js). The
// findings are in the views, with the path through the call.
const express = require('express');
const pages = require('./controllers/pages');
const { renderPage } = require('./lib/render-page');

const router = express.Router();

// The controller renders; the request value is passed in.
router.get('/notice', (req, res) => pages.note(res, req.query.note));

// The helper renders: view name and locals are its parameters.
router.get('/help', (req, res) => {
  renderPage(res, 'help', { topic: req.query.topic, title: 'Help' });
});

// The same helper with constant locals.
router.get('/about', (req, res) => {
  renderPage(res, 'about', { topic: 'about us', title: 'About' });
});

// The same helper, the request value escaped before the call.
router.get('/faq', (req, res) => {
  renderPage(res, 'faq', { topic: encodeURIComponent(req.query.topic) });
});

module.exports = router;
