exports.loadPlugin = function (name) {
  return require(name);
};
