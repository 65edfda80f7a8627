function isObject(o) { return o && typeof o === 'object'; }

function deepMerge(target, source) {
  for (const key in source) {
    if (isObject(source[key])) {
      if (!target[key]) target[key] = {};
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
