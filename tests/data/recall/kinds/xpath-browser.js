const params = new URLSearchParams(location.search);
const q = params.get('q');
const hit = document.evaluate(`//section[@title='${q}']`, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null);
hit.singleNodeValue.scrollIntoView();
