import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { Body, Controller, Post } from '@nestjs/common';

@Controller('reports')
export class ReportsController {
  constructor(@InjectEntityManager() private readonly manager: EntityManager) {}

  @Post()
  async run(@Body() body: { table: string }) {
    return this.manager.query('SELECT count(*) FROM ' + body.table);
  }
}
