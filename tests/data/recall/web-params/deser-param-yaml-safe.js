const yaml = require('js-yaml');
module.exports.parseConfig = (text) => yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA });
