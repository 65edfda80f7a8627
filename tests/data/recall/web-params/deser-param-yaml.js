const yaml = require('js-yaml');
module.exports.parseConfig = (text) => yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA });
