function isObject(o) { return o && typeof o === 'object'; }

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (isObject(source[key])) {
      if (!Object.prototype.hasOwnProperty.call(target, key)) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

module.exports = (app) => {
  const config = { debug: false };
  app.post('/config', (req, res) => {
    deepMerge(config, req.body);
    res.json(config);
  });
};
