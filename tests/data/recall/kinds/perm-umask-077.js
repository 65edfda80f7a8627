const old = process.umask(0o077);
require('fs').writeFileSync('secret.txt', 'x');
process.umask(old);
