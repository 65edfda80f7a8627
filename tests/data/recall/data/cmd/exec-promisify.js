const util = require('util');
const execAsync = util.promisify(require('child_process').exec);

class BackupService {
  async dump(dbName) {
    return execAsync(`pg_dump ${dbName} > /backups/${dbName}.sql`);
  }
}
const service = new BackupService();

module.exports = (router) => {
  router.post('/backup', async (req, res) => {
    await service.dump(req.body.db);
    res.sendStatus(202);
  });
};
