const pdf = require('html-pdf');

module.exports = function (req, res) {
  const html = '<html><body>' + req.body.content + '</body></html>';
  pdf.create(html, { format: 'Letter' }).toStream((err, stream) => {
    if (err) return res.status(500).end();
    stream.pipe(res);
  });
};
