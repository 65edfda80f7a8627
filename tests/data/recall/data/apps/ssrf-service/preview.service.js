const axios = require('axios');

async function fetchCard(url) {
  const resp = await axios.get(url, { maxRedirects: 2 });
  return { title: /<title>(.*?)<\/title>/.exec(resp.data)?.[1] };
}
module.exports = { fetchCard };
