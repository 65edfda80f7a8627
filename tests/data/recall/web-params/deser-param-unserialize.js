const serialize = require('node-serialize');
module.exports.restore = (blob) => serialize.unserialize(blob);
