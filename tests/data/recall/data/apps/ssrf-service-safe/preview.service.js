const axios = require('axios');

async function fetchCard(slug) {
  const resp = await axios.get('https://cms.example.com/cards/' + encodeURIComponent(slug));
  return resp.data;
}
module.exports = { fetchCard };
