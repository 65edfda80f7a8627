const DEFAULTS = "({ retries: 3, timeout: 1000 })";
module.exports = function defaults() {
  return eval(DEFAULTS);
};
