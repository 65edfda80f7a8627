module.exports.restore = (blob) => JSON.parse(blob);
