const axios = require('axios');
const api = axios.create({ baseURL: 'https://billing.example.com/api/' });

exports.invoice = async (req, res) => {
  const r = await api.get('/invoices/' + encodeURIComponent(req.params.id));
  res.json(r.data);
};
