import { Body, Controller, Post } from '@nestjs/common';
import { ToolsService } from './tools.service';

@Controller('tools')
export class ToolsController {
  constructor(private readonly tools: ToolsService) {}

  @Post('lookup')
  lookup(@Body('domain') domain: string) {
    return this.tools.whois(domain);
  }
}
