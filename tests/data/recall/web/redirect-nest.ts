import { Controller, Get, Query, Redirect } from '@nestjs/common';

@Controller('out')
export class OutController {
  @Get()
  @Redirect('https://docs.example.com', 302)
  go(@Query('url') url: string) {
    return { url };
  }
}
