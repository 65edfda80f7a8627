import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { User } from './user.entity';

@Controller('users')
export class UsersController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async search(@Query('name') name: string) {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .where('user.name = :name', { name })
      .getMany();
  }
}
