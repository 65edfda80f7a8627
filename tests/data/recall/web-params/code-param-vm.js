const vm = require('vm');
exports.runUserScript = (code, context) => vm.runInNewContext(code, context);
