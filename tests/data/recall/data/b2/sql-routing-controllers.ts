import { JsonController, Get, QueryParam } from 'routing-controllers';
import { getConnection } from './db';

@JsonController('/users')
export class UserController {
  @Get('/')
  async list(@QueryParam('role') role: string) {
    const conn = await getConnection();
    return conn.query(`SELECT * FROM users WHERE role = '${role}'`);
  }
}
