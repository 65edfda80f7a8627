// A controller: renders the view it names with the value it is given.
exports.note = function note(res, text) {
  res.render('notice', { text, when: 'today' });
};
