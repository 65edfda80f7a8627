import { Controller, Get, Query, Logger } from '@nestjs/common';
@Controller('search')
export class SearchController {
  private readonly logger = new Logger(SearchController.name);
  @Get()
  find(@Query('q') q: string) {
    this.logger.log('search for ' + q);
    return [];
  }
}
